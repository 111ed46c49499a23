package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Fixtures;
import picocli.CommandLine;

/** Drives {@code tracebench report} and {@code tracebench compare} through picocli on the fixture. */
class ReportCommandTest {
    @TempDir Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void reportWritesMarkdownChartsAndSummaries() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Files.delete(dir.resolve("manifest.json"));
        assertEquals(0, run("report", dir.toString(), "--formats", "png,svg", "--style", "screen"), err.toString());
        assertTrue(out.toString().contains("report.md"), out.toString());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("No manifest.json."), "a missing manifest still renders");
        assertTrue(md.contains("![") && md.contains("](charts/throughput.png)"), md);
        assertTrue(md.contains("| strace | mixed | 1 | 2 (+1 invalid) |"), md);
        assertTrue(Files.size(dir.resolve("charts/latency-mixed-w1.svg")) > 1000);
        assertTrue(Files.notExists(dir.resolve("charts/throughput.pdf")), "only the asked formats");
        assertTrue(Files.readString(dir.resolve("summary.csv")).startsWith("suite,tracer,workload,workers,repetition"));
        assertTrue(out.toString().contains("3 LaTeX tables in " + dir.resolve("tables")), out.toString());
        assertTrue(Files.readString(dir.resolve("tables/overhead.tex")).contains("\\begin{tabular}"));
        assertTrue(Files.readString(dir.resolve("tables/completeness.tex")).contains("\\multicolumn{2}{c}{fatrace}"));
        assertTrue(Files.readString(dir.resolve("tables/slowdown.tex")).contains("\\bottomrule"));
        assertTrue(err.toString().contains("what made the operations fail), then run the suite again"), "warnings go to stderr: " + err);
        assertFalse(err.toString().contains("--resume DIR"), "the hand-made fixture cannot be resumed: " + err);
    }

    @Test
    void aReportRemovesTheChartsItNoLongerDrawsKeepsTheUsersAndLinksAPdf() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        assertEquals(0, run("report", dir.toString(), "--formats", "png,svg", "--latency-per-op"), err.toString());
        Path charts = dir.resolve("charts");
        Files.writeString(charts.resolve("tracer-cpu-gone-w4.pdf"), "a group the results no longer hold");
        Files.writeString(charts.resolve("notes.png"), "mine");
        Files.writeString(charts.resolve("throughput.png.orig"), "mine");
        out.getBuffer().setLength(0);
        assertEquals(0, run("report", dir.toString(), "--formats", "pdf"), err.toString());
        List<String> left;
        try (var files = Files.list(charts)) {
            left = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("cpu-time-mixed-w1.pdf", "latency-mixed-w1.pdf", "notes.png", "overhead-vs-completeness.pdf",
                "slowdown-per-op.pdf", "throughput-time-mixed-w1.pdf", "throughput.pdf", "throughput.png.orig",
                "tracer-cpu-mixed-w1.pdf"), left, "the PNGs, SVGs, per-op spectra and the old group are gone");
        assertTrue(out.toString().contains("Removed 23 chart files this report no longer draws"), out.toString());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.matches("(?s).*\n\\[[^\\]\n]*\\]\\(charts/throughput\\.pdf\\).*"), "a link to the PDF: " + md);
        assertFalse(md.contains("!["), "Markdown viewers draw no PDF as an image: " + md);

        Path b = Fixtures.copyTo(Files.createDirectories(tmp.resolve("b")));
        assertEquals(0, run("compare", dir.toString(), b.toString(), "--formats", "png,pdf"), err.toString());
        Path cmp = b.resolve("compare-" + dir.getFileName());
        Files.writeString(cmp.resolve("charts/notes.svg"), "mine");
        assertEquals(0, run("compare", dir.toString(), b.toString(), "--formats", "svg"), err.toString());
        try (var files = Files.list(cmp.resolve("charts"))) {
            assertEquals(List.of("compare-throughput.svg", "notes.svg"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(cmp.resolve("compare.md")).contains("![Mean throughput"), "an SVG is drawn");
    }

    @Test
    void aPairedRunIsReportedWithItsPairsAndEveryChart() throws Exception {
        Path dir = Fixtures.copyTo(tmp, Fixtures.pairedResultsDir());
        assertEquals(0, run("report", dir.toString(), "--formats", "png"), err.toString());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("A/A"), "the paired section and its A/A check: " + md);
        for (String chart : List.of("throughput", "throughput-time-mini-w1", "overhead-vs-completeness")) {
            assertTrue(Files.size(dir.resolve("charts/" + chart + ".png")) > 1000, chart);
        }
    }

    @Test
    void missingDirectoryIsBadInputNamingTheArgument() {
        assertEquals(2, run("report", tmp.resolve("nope").toString()));
        assertTrue(err.toString().contains("The results directory DIR"), err.toString());
        assertTrue(err.toString().contains("nope"), err.toString());
    }

    @Test
    void aDirectoryThatIsNoResultsDirectoryIsBadInputAndGetsNothingWritten() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("documents"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertEquals(2, run("report", other.toString()));
        assertTrue(err.toString().contains("is not a results directory"), err.toString());
        try (var files = Files.list(other)) {
            assertEquals(List.of(other.resolve("notes.txt")), files.toList(), "nothing written next to the user's files");
        }
        Path results = Fixtures.copyTo(tmp.resolve("run"));
        assertEquals(2, run("compare", other.toString(), results.toString()));
        assertTrue(err.toString().contains("DIR_A '" + other + "' is not a results directory"), err.toString());
        try (var files = Files.list(results)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("compare-")), "no compare output");
        }
    }

    @Test
    void badFormatAndStyleAreBadInputNamingTheOption() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        assertEquals(2, run("report", dir.toString(), "--formats", "png,gif"));
        assertTrue(err.toString().contains("--formats") && err.toString().contains("gif"), err.toString());
        assertEquals(2, run("report", dir.toString(), "--style", "poster"));
        assertTrue(err.toString().contains("--style"), err.toString());
        assertTrue(Files.notExists(dir.resolve("report.md")));
    }

    @Test
    void compareTwoRunsPrintsRatiosAndWritesChart() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        Path b = Fixtures.copyTo(Files.createDirectories(tmp.resolve("b")));
        Path strace = b.resolve("trials/006-strace-mixed-w1-r2/trial.json");
        Files.writeString(strace, Files.readString(strace).replace("\"throughputOpsPerSecond\": 1",
                "\"throughputOpsPerSecond\": 3"));
        assertEquals(0, run("compare", a.toString(), b.toString(), "--formats", "png"), err.toString());
        String table = out.toString();
        assertTrue(table.contains("B/A") && table.contains("fatrace"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("fatrace") && l.split(" +")[7].equals("1")), table); // B/A
        assertTrue(table.lines().anyMatch(l -> l.startsWith("strace") && !l.split(" +")[7].equals("1")), table);
        Path target = b.resolve("compare-" + a.getFileName());
        assertTrue(Files.size(target.resolve("charts/compare-throughput.png")) > 1000);
        assertTrue(Files.readString(target.resolve("compare.md")).contains("| strace | mixed | 1 |"));
    }

    @Test
    void compareNamesWhatElseDiffersBetweenTheRunsAndWarnsWhenTheHostTookMoreFromOne() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        Path same = Fixtures.copyTo(Files.createDirectories(tmp.resolve("same"))); // another run of the same setup
        Path sameManifest = same.resolve("manifest.json");
        Files.writeString(sameManifest, Files.readString(sameManifest).replace("2026-11-23T10:00:00Z", "2026-11-24T10:00:00Z"));
        assertEquals(0, run("compare", a.toString(), same.toString(), "--formats", "png"), err.toString());
        assertTrue(!out.toString().contains("differ in more than"), out.toString());
        assertTrue(!err.toString().contains("Warning: The host") && !err.toString().contains("same run"), err.toString());
        assertTrue(err.toString().contains("Warning: [unfinished-trials] "), "the fixture's 008 is unfinished: " + err);
        assertTrue(Files.readString(same.resolve("compare-" + a.getFileName() + "/compare.md")).contains("Nothing recorded: "
                + "the same environment"));

        List<String> trials = List.of("001-none-mixed-w1-r1", "002-strace-mixed-w1-r1", "003-fatrace-mixed-w1-r1",
                "004-fatrace-mixed-w1-r2", "005-none-mixed-w1-r2", "006-strace-mixed-w1-r2");
        Path b = Fixtures.copyWith(Files.createDirectories(tmp.resolve("b")), trials,
                json -> json.replaceFirst("\"steal\": [0-9.]+", "\"steal\": 0.41"));
        Path manifest = b.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("6.18.0-tracebench", "6.19.2-other"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("compare", a.toString(), b.toString(), "--formats", "png"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("The runs differ in more than what they measured:"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("  kernel +A: 6\\.18\\.0-tracebench  B: 6\\.19\\.2-other")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("  CPU stolen by other guests \\(cores, mean per trial\\) +A: 0\\.00[0-9]  B: 0\\.410")),
                text);
        assertTrue(text.lines().noneMatch(l -> l.contains("other processes")), "the same residual in both: " + text);
        assertTrue(err.toString().contains("Warning: The host took more CPU from one run than from the other"), err.toString());
        String md = Files.readString(b.resolve("compare-" + a.getFileName() + "/compare.md"));
        assertTrue(md.contains("| kernel | 6.18.0-tracebench | 6.19.2-other |"), md);
        assertTrue(md.contains("\n- The host took more CPU from one run than from the other"), "compare.md warns as the terminal does: " + md);
    }

    @Test
    void compareNamesTheConfigurationsOnlyOneRunHasAndEachSidesRepetitions() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        Path b = Fixtures.copyWith(Files.createDirectories(tmp.resolve("b")),
                List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                json -> json.replace("\"tracer\": \"fatrace\"", "\"tracer\": \"bpftrace\""));
        assertEquals(0, run("compare", a.toString(), b.toString(), "--formats", "png"), err.toString());
        String text = out.toString();
        assertTrue(text.lines().anyMatch(l -> l.equals("Only in A, not compared: fatrace mixed w1 (2 valid)")), text);
        assertTrue(text.lines().anyMatch(l -> l.equals("Only in B, not compared: bpftrace mixed w1 (2 valid)")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("tracer +workload +w +nA +nB +A ops/s .*")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("strace +mixed +1 2 \\(\\+1 invalid\\) 2 \\(\\+1 invalid\\) .*")), text);
        String md = Files.readString(b.resolve("compare-" + a.getFileName() + "/compare.md"));
        assertTrue(md.contains("| strace | mixed | 1 | 2 (+1 invalid) | 2 (+1 invalid) |"), md);
        assertTrue(md.contains("## Not compared\n\n- Only in A, not compared: fatrace mixed w1 (2 valid)\n"
                + "- Only in B, not compared: bpftrace mixed w1 (2 valid)\n"), md);
    }

    @Test
    void compareNamesAConfigurationWithoutValidTrialsInOneRun() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        Path b = Fixtures.copyWith(Files.createDirectories(tmp.resolve("b")),
                List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                json -> json.replace("\"status\": \"ok\"", "\"status\": \"invalid\""));
        assertEquals(0, run("compare", a.toString(), b.toString(), "--formats", "png"), err.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.equals("In both but without a valid trial in one, not "
                + "compared: fatrace mixed w1 (A: 2 valid; B: 0 valid + 2 invalid)")), out.toString());
    }

    @Test
    void compareShowsItsTableBeforeTheHostWarningThatPointsAtIt() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        List<String> trials = List.of("001-none-mixed-w1-r1", "002-strace-mixed-w1-r1", "003-fatrace-mixed-w1-r1",
                "004-fatrace-mixed-w1-r2", "005-none-mixed-w1-r2", "006-strace-mixed-w1-r2");
        Path b = Fixtures.copyWith(Files.createDirectories(tmp.resolve("b")), trials,
                json -> json.replaceFirst("\"steal\": [0-9.]+", "\"steal\": 0.41"));
        java.io.ByteArrayOutputStream terminal = new java.io.ByteArrayOutputStream();
        CommandLine cl = Main.commandLine(); // like picocli's own: encoders that buffer, flushed by println
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(terminal, java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(terminal, java.nio.charset.StandardCharsets.UTF_8), true));
        assertEquals(0, cl.execute("compare", a.toString(), b.toString(), "--formats", "png"));
        String shown = terminal.toString(java.nio.charset.StandardCharsets.UTF_8);
        int table = shown.indexOf("CPU stolen by other guests"), warning = shown.indexOf("Warning: The host took more CPU");
        assertTrue(table >= 0 && warning > table, shown);
    }

    @Test
    void compareKeepsItsColumnsForLongTracerNames() throws Exception {
        List<String> strace = List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3");
        java.util.function.UnaryOperator<String> longName = json -> json.replace("\"tracer\": \"strace\"", "\"tracer\": \"strace-seccomp\"");
        Path a = Fixtures.copyWith(Files.createDirectories(tmp.resolve("a")), strace, longName);
        Path b = Fixtures.copyWith(Files.createDirectories(tmp.resolve("b")), strace, longName);
        assertEquals(0, run("compare", a.toString(), b.toString(), "--formats", "png"), err.toString());
        List<String> rows = out.toString().lines().filter(l -> l.contains(" mixed ")).toList();
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("strace-seccomp ")), out.toString());
        assertEquals(1, rows.stream().map(l -> l.indexOf(" mixed ")).distinct().count(), "one workload column: " + out);
    }

    @Test
    void twoRunsWithNothingInCommonAreBadInputAndGetNothingWritten() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        List<String> all = List.of("001-none-mixed-w1-r1", "002-strace-mixed-w1-r1", "003-fatrace-mixed-w1-r1",
                "004-fatrace-mixed-w1-r2", "005-none-mixed-w1-r2", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3");
        Path b = Fixtures.copyWith(Files.createDirectories(tmp.resolve("b")), all,
                json -> json.replace("\"workload\": \"mixed\"", "\"workload\": \"other\""));
        assertEquals(2, run("compare", a.toString(), b.toString()));
        assertTrue(err.toString().contains("DIR_A and DIR_B have no configuration (tracer, workload, workers) with valid "
                + "trials in common, so there is nothing to compare: DIR_A has mixed w1 (3 tracers); DIR_B has other w1 "
                + "(3 tracers)."), err.toString());
        assertEquals("", out.toString(), "no empty table");
        try (var files = Files.list(b)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("compare-")), "no compare output");
        }
    }

    @Test
    void compareNamesTheMissingArgument() throws Exception {
        Path a = Fixtures.copyTo(tmp);
        assertEquals(2, run("compare", a.toString(), tmp.resolve("gone").toString()));
        assertTrue(err.toString().contains("DIR_B"), err.toString());
    }
}
