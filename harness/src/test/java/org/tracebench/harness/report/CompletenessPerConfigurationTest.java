package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** completeness.tex gives each workload and worker count its own rows, as report.md does, never one pooled mean. */
class CompletenessPerConfigurationTest {
    @TempDir
    Path tmp;

    /**
     * The fixture (workload mixed, fatrace seeing 71% of reads, no lost events) plus a copy of the trials that
     * {@code copied} accepts as workload read_only, where fatrace sees 20% of reads and admits 5 lost events a trial.
     */
    private Analysis twoWorkloads(Predicate<String> copied) throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        try (var s = Files.list(dir.resolve("trials"))) {
            for (Path t : s.sorted().toList()) {
                String name = t.getFileName().toString();
                if (!copied.test(name) || !Files.exists(t.resolve("trial.json"))) continue;
                Path copy = Files.createDirectories(t.resolveSibling("1" + name.replace("mixed", "read_only")));
                try (var files = Files.list(t)) {
                    for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
                }
                String json = Files.readString(copy.resolve("trial.json")).replace("\"workload\": \"mixed\"", "\"workload\": \"read_only\"");
                if (name.contains("fatrace")) {
                    json = json.replaceFirst("(\"read\": \\{\\s*\"performed\": )\\d+,\\s*\"seen\": \\d+,\\s*\"ratio\": [0-9.]+",
                            "$11000, \"seen\": 200, \"ratio\": 0.2").replace("\"lostEvents\": 0,", "\"lostEvents\": 5,");
                }
                Files.writeString(copy.resolve("trial.json"), json);
            }
        }
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertTrue(a.find("strace", "read_only", 1) != null, "the copy took");
        if (copied.test("003-fatrace-mixed-w1-r1")) assertEquals(10, a.find("fatrace", "read_only", 1).lostEvents(), "the edit took");
        return a;
    }

    private static String completeness(Analysis a) {
        LatexTables.Table t = LatexTables.render(a).get(1);
        assertEquals("completeness.tex", t.fileName());
        String s = new String(t.bytes(), StandardCharsets.UTF_8);
        LatexAssert.wellFormed(t.fileName(), s);
        return s.replace("\n%   ", " "); // the caption on one line
    }

    /** The rows from the block named {@code name} to the next rule. */
    private static List<String> block(String tex, String name) {
        List<String> lines = tex.lines().toList();
        int from = lines.indexOf(lines.stream().filter(l -> l.contains("\\emph{" + name + "}")).findFirst().orElseThrow(
                () -> new AssertionError("no block " + name + ":\n" + tex)));
        int to = from + 1;
        while (!lines.get(to).startsWith("\\midrule") && !lines.get(to).startsWith("\\bottomrule")) to++;
        return lines.subList(from, to);
    }

    @Test
    void eachWorkloadHasItsOwnBlockOfRows() throws IOException {
        String tex = completeness(twoWorkloads(name -> true));
        List<String> mixed = block(tex, "mixed"), readOnly = block(tex, "read\\_only");
        assertTrue(mixed.stream().anyMatch(l -> l.matches("read +& 100.0 +& 100.0 +& 71.0 +& 100.0 +\\\\\\\\")), tex);
        assertTrue(readOnly.stream().anyMatch(l -> l.matches("read +& 100.0 +& 100.0 +& 20.0 +& 100.0 +\\\\\\\\")), tex);
        assertTrue(mixed.stream().anyMatch(l -> l.matches("observable operations +& 100.0 +& +& 80.0 +& +\\\\\\\\")), tex);
        assertTrue(mixed.stream().anyMatch(l -> l.matches("lost events +& 0 +& +& 0 +& +\\\\\\\\")), tex);
        assertTrue(readOnly.stream().anyMatch(l -> l.matches("lost events +& 0 +& +& 10 +& +\\\\\\\\")), tex);
        assertTrue(tex.contains("1 worker, 5 s windows), in a block of rows per workload, mean over the valid trials of its block:"), tex);
        assertTrue(!tex.contains("no valid trial of the tracer"), "every tracer ran both workloads:\n" + tex);
    }

    @Test
    void aTracerWithoutValidTrialsInABlockReadsUnknownThere() throws IOException {
        String tex = completeness(twoWorkloads(name -> !name.contains("fatrace")));
        List<String> readOnly = block(tex, "read\\_only");
        assertTrue(readOnly.stream().anyMatch(l -> l.matches("read +& 100.0 +& 100.0 +& -- +& -- +\\\\\\\\")), tex);
        assertTrue(readOnly.stream().anyMatch(l -> l.matches("observable operations +& 100.0 +& +& -- +& +\\\\\\\\")), tex);
        assertTrue(readOnly.stream().anyMatch(l -> l.matches("lost events +& 0 +& +& -- +& +\\\\\\\\")), tex);
        assertTrue(tex.contains("-- in every row of a block, no valid trial of the tracer there"), tex);
        assertTrue(block(tex, "mixed").stream().anyMatch(l -> l.matches("read +& 100.0 +& 100.0 +& 71.0 +& 100.0 +\\\\\\\\")), tex);
    }

    @Test
    void aTracerBlindToEveryKindReadsBlindForAllOperationsAsReportMdSays() throws IOException {
        Path dir = Fixtures.copyWith(tmp, List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                json -> json.replaceAll("\"observable\"\\s*:\\s*true", "\"observable\": false"));
        String tex = completeness(Analysis.of(ResultsReader.read(dir)));
        assertTrue(tex.lines().anyMatch(l -> l.matches("observable operations +& 100.0 +& +& \\\\emph\\{blind\\} +& +\\\\\\\\")), tex);
    }
}
