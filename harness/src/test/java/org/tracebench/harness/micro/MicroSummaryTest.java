package org.tracebench.harness.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.json.Json;

/** JMH JSON parsing on a result captured from a real MicroMain run here, and the merge arithmetic. */
class MicroSummaryTest {

    static Path fixture() throws URISyntaxException {
        return Path.of(MicroSummaryTest.class.getResource("/micro/jmh-read-stat.json").toURI());
    }

    @Test
    void readsScoresNanErrorsAndSampleCountsFromRealJmhOutput() throws Exception {
        List<JmhScore> s = JmhScore.read(fixture());
        assertEquals(2, s.size());
        assertEquals("read", s.get(0).op());
        assertEquals(20537.30347258724, s.get(0).nsPerOp(), 1e-9);
        assertTrue(Double.isNaN(s.get(0).errorNs()), "JMH writes \"NaN\" for two samples");
        assertEquals(2, s.get(0).samples());
        assertEquals("stat", s.get(1).op());
        assertEquals(6350.890386252642, s.get(1).nsPerOp(), 1e-9);
    }

    /** read and stat under none and strace; strace's stat without an error (too few samples). */
    private static Map<String, List<JmhScore>> noneAndStrace() {
        Map<String, List<JmhScore>> scores = new LinkedHashMap<>();
        scores.put("none", List.of(new JmhScore("read", 1000, 30, "ns/op", 5), new JmhScore("stat", 400, 4, "ns/op", 5)));
        scores.put("strace", List.of(new JmhScore("read", 91000, 40, "ns/op", 5), new JmhScore("stat", 20400, Double.NaN, "ns/op", 5)));
        return scores;
    }

    @Test
    void theLatexTableHasNonesCostAndWhatEachTracerAdds() {
        Map<String, List<JmhScore>> scores = noneAndStrace();
        List<MicroSummary.Row> rows = MicroSummary.merge(scores, Map.of("none", "n.json", "strace", "s.json"));
        String tex = new String(MicroReport.latex(rows, Map.of()), StandardCharsets.UTF_8);
        org.tracebench.harness.report.LatexAssert.wellFormed("micro.tex", tex);
        assertTrue(tex.contains("\\begin{tabular}{lrrr}"), tex);
        assertTrue(tex.contains("\\cmidrule(lr){2-2}\\cmidrule(lr){3-4}"), "none one column, strace two: " + tex);
        assertTrue(tex.lines().anyMatch(l -> l.matches("read +& 1000 \\$\\\\pm\\$ 30 +& 90000 \\$\\\\pm\\$ 50 +& 91 \\\\\\\\")), tex);
        assertTrue(tex.lines().anyMatch(l -> l.matches("stat +& 400 \\$\\\\pm\\$ 4 +& 20000 \\$\\\\pm\\$ -- +& 51 \\\\\\\\")), tex);
    }

    @Test
    void addedCostIsTracerMinusNoneWithCombinedError() {
        Map<String, List<JmhScore>> scores = noneAndStrace();
        List<MicroSummary.Row> rows = MicroSummary.merge(scores, Map.of("none", "micro/none.json", "strace", "micro/strace.json"));
        assertEquals(4, rows.size());
        MicroSummary.Row none = rows.get(0);
        assertTrue(Double.isNaN(none.addedNs()));
        MicroSummary.Row read = rows.get(2);
        assertEquals("strace", read.tracer());
        assertEquals(90000, read.addedNs(), 1e-9);
        assertEquals(50, read.addedErrorNs(), 1e-9);
        assertEquals(91, read.ratioVsNone(), 1e-9);
        assertEquals("micro/strace.json", read.source());
        assertTrue(Double.isNaN(rows.get(3).addedErrorNs()), "no combined error without both errors");
        String csv = new String(MicroSummary.csv(rows), StandardCharsets.UTF_8);
        assertTrue(csv.contains("strace,read,addedNs,90000,ns\n"), csv);
        assertTrue(!csv.contains("strace,stat,errorNs") && !csv.contains("strace,stat,addedErrorNs"),
                "an unknown value's row is left out, as in summary.csv: " + csv);
        assertTrue(csv.contains("strace,stat,nsPerOp,20400,ns\n"), csv);
        assertTrue(!csv.contains("none,read,addedNs"), csv);
    }

    @Test
    void summaryJsonRoundTripsAndRendersAsTable(@TempDir Path dir) throws Exception {
        Map<String, List<JmhScore>> scores = new LinkedHashMap<>();
        scores.put("none", JmhScore.read(fixture()));
        scores.put("ftrace", List.of(new JmhScore("read", 30537.30347258724, 10, "ns/op", 2)));
        List<MicroSummary.Row> rows = MicroSummary.merge(scores, Map.of());
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        status.put("none", new LinkedHashMap<>(Map.of("status", "ok")));
        status.put("ftrace", new LinkedHashMap<>(Map.of("status", "ok")));
        status.put("strace", new LinkedHashMap<>(Map.of("status", "invalid", "reason", "The tracer strace exited.")));
        Files.writeString(dir.resolve(MicroSummary.JSON), Json.write(MicroSummary.json(rows, status)));
        List<MicroSummary.Row> back = MicroSummary.read(dir);
        assertEquals(rows.size(), back.size());
        assertEquals(10000, back.get(2).addedNs(), 1e-6);
        assertTrue(Double.isNaN(back.get(0).errorNs()));
        String md = MicroReport.markdown(back, MicroSummary.readTracers(dir), Map.of());
        assertTrue(md.contains("|op|none ns/op|ftrace ns/op|ftrace added ns|"), md);
        assertTrue(md.contains("|read|20540 ± –|30540 ± 10|10000 ± – (×1.49)|"), md);
        assertTrue(md.contains("|stat|6351 ± –|||"), md);
        assertTrue(md.contains("|strace|invalid: The tracer strace exited.||||"), md);
        assertTrue(md.contains("|none|ok|–|||"), md); // none runs no tracer: no exit code
    }

    @Test
    void rejectsOtherUnits(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("thrpt.json");
        Files.writeString(f, "[{\"benchmark\":\"x\",\"params\":{\"op\":\"read\"},\"primaryMetric\":{\"score\":1,\"scoreError\":0.1,\"scoreUnit\":\"ops/s\",\"rawData\":[[1]]}}]");
        IOException e = assertThrows(IOException.class, () -> JmhScore.read(f));
        assertTrue(e.getMessage().contains("ops/s"), e.getMessage());
    }
}
