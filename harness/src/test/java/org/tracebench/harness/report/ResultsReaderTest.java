package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

class ResultsReaderTest {
    @TempDir Path tmp;

    @Test
    void readsEveryTrialOfTheFixtureIncludingInvalidAndUnfinished() throws IOException {
        Results r = ResultsReader.read(Fixtures.resultsDir());
        assertEquals("quick", r.suite());
        assertEquals(8, r.trials().size());
        assertEquals(List.of("none", "strace", "fatrace"), r.tracers());
        Trial strace3 = r.trials().get(6);
        assertEquals(Trial.Status.INVALID, strace3.status());
        assertEquals(137, strace3.tracerExitCode());
        Trial unfinished = r.trials().get(7);
        assertEquals(Trial.Status.UNFINISHED, unfinished.status());
        assertEquals("none", unfinished.tracer());
        assertEquals(3, unfinished.repetition());
        Trial fatrace = r.trials().get(2);
        assertTrue(fatrace.ok());
        assertEquals(List.of("read", "write", "stat", "chmod"), List.copyOf(fatrace.ops().keySet()));
        assertTrue(!fatrace.completeness().get("chmod").observable());
        assertEquals(0L, fatrace.lostEvents());
        assertNull(r.trials().get(0).lostEvents(), "none cannot lose events: unknown, not 0");
        assertTrue(fatrace.cpuCores().tracer() > 0.4);
    }

    @Test
    void missingDirectoryIsAnErrorButMissingPiecesAreNot() throws IOException {
        assertThrows(NoSuchFileException.class, () -> ResultsReader.read(tmp.resolve("absent")));
        Path dir = Files.createDirectories(tmp.resolve("bare-20260101-000000"));
        Results empty = ResultsReader.read(dir);
        assertEquals("bare", empty.suite(), "suite name from the directory without its timestamp");
        assertTrue(empty.trials().isEmpty());
        Path t = Files.createDirectories(dir.resolve("trials/001-strace-per-op-read-w2-r1"));
        Files.writeString(t.resolve("trial.json"), "{\"status\": \"ok\", \"tracer\": \"strace\", \"throughputOp");
        Trial broken = ResultsReader.read(dir).trials().get(0);
        assertEquals(Trial.Status.UNREADABLE, broken.status(), "a damaged file, not a trial the tracer failed");
        assertEquals("per-op-read", broken.workload());
        assertEquals(2, broken.workers());
        assertTrue(broken.invalidReason().contains("not valid JSON"), broken.invalidReason());
    }

    @Test
    void unfinishedTrialsOfTracersWithDashesKeepTheirTracerName() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("seccomp-20260101-000000"));
        Files.createDirectories(dir.resolve("trials/001-strace-seccomp-per-op-read-w2-r1"));
        Files.createDirectories(dir.resolve("trials/002-strace-per-op-read-w2-r1"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"suite": "seccomp", "plan": [
                  {"number": 1, "dir": "001-strace-seccomp-per-op-read-w2-r1", "tracer": "strace-seccomp",
                   "workload": "per-op-read", "workers": 2, "repetition": 1},
                  {"number": 2, "dir": "002-strace-per-op-read-w2-r1", "tracer": "strace",
                   "workload": "per-op-read", "workers": 2, "repetition": 1}]}
                """);
        List<Trial> fromPlan = ResultsReader.read(dir).trials();
        assertEquals(List.of("strace-seccomp", "strace"), fromPlan.stream().map(Trial::tracer).toList());
        assertEquals(List.of("per-op-read", "per-op-read"), fromPlan.stream().map(Trial::workload).toList());
        assertTrue(fromPlan.stream().allMatch(t -> t.status() == Trial.Status.UNFINISHED && t.workers() == 2));

        // Without a plan, the manifest's tracer names split the directory name at the longest known tracer.
        Files.writeString(dir.resolve("manifest.json"),
                "{\"suite\": \"seccomp\", \"tracerVersions\": {\"strace\": \"6.8\", \"strace-seccomp\": \"6.8\"}}");
        List<Trial> fromVersions = ResultsReader.read(dir).trials();
        assertEquals(List.of("strace-seccomp", "strace"), fromVersions.stream().map(Trial::tracer).toList());
        assertEquals(List.of("per-op-read", "per-op-read"), fromVersions.stream().map(Trial::workload).toList());
    }

    @Test
    void yamlOneOneNumbersAndMissingFieldsAreRead() throws IOException {
        Path t = Files.createDirectories(tmp.resolve("r/trials/001-none-mixed-w1-r1"));
        Files.writeString(t.resolve("trial.json"), "{\"status\": \"ok\", \"tracer\": \"none\", \"workload\": \"mixed\","
                + " \"workers\": 1, \"repetition\": 1, \"throughputOpsPerSecond\": 1e5}");
        Trial tr = ResultsReader.read(tmp.resolve("r")).trials().get(0);
        assertEquals(100000.0, tr.throughputOpsPerSecond(), "1e5 is a string in YAML 1.1 and still a number here");
        assertTrue(Double.isNaN(tr.cpuCores().load()), "absent = unknown (NaN), never 0");
    }

    @Test
    void aLoadGeneratorOnThePublicJdkApisIsWarnedAboutWithItsReason() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        assertTrue(Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .noneMatch(w -> w.kind() == WarningKind.PUBLIC_JDK_APIS), "the fixture's trials say nothing: no warning");
        Path j = dir.resolve("trials/001-none-mixed-w1-r1/trial.json");
        Files.writeString(j, Files.readString(j).replaceFirst("\\{", "{\"loadJdkInternals\": false, "
                + "\"loadJdkInternalsUnavailable\": \"the JVM was started without --add-opens\", "));
        Results r = ResultsReader.read(dir);
        assertEquals("the JVM was started without --add-opens", r.trials().get(0).publicApiReason());
        List<RunWarning> w = Analysis.of(r).warnings().stream()
                .filter(x -> x.kind() == WarningKind.PUBLIC_JDK_APIS).toList();
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().contains("1 of 6 valid trials; the JVM was started without --add-opens"),
                w.get(0).message());
    }

    @Test
    void outputTheParserCouldNotReadMakesATrialsCompletenessUnreliable() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        assertTrue(Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .noneMatch(w -> w.kind() == WarningKind.UNPARSED_OUTPUT), "the fixture's trials have no parsing counts");
        Path j = dir.resolve("trials/004-fatrace-mixed-w1-r2/trial.json");
        Files.writeString(j, Files.readString(j).replaceFirst("\\{", "{\"parsing\": {\"unparsedLines\": 2,"
                + " \"unresolvedPaths\": 1, \"unparsedSamples\": [\"line.txt\"]}, "));
        List<RunWarning> w = Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.UNPARSED_OUTPUT).toList();
        assertEquals(1, w.size());
        assertEquals("fatrace", w.get(0).tracer());
        assertTrue(w.get(0).message().contains("(2 unparsed lines, 1 unnamed file in 1 of 2 valid trials, e.g."
                + " 004-fatrace-mixed-w1-r2)") && w.get(0).message().contains("completeness of those trials is unreliable"),
                w.get(0).message());
        assertEquals("unparsed-output", w.get(0).kind().code());
        Files.writeString(j, Files.readString(j).replace("\"unparsedLines\": 2", "\"unparsedLines\": 0")
                .replace("\"unresolvedPaths\": 1", "\"unresolvedPaths\": null"));
        assertTrue(Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .noneMatch(x -> x.kind() == WarningKind.UNPARSED_OUTPUT), "zero or not counted: no warning");
        Files.writeString(j, Files.readString(j).replace("\"unresolvedPaths\": null", "\"unresolvedPaths\": 5"));
        assertTrue(Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .noneMatch(x -> x.kind() == WarningKind.UNPARSED_OUTPUT), "unnamed files alone (fatrace's deleted files,"
                + " still counted without a path): no warning");
    }

    @Test
    void trialsWhoseWindowLostCpuToOtherGuestsAreWarnedAboutWorstFirst() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        List<RunWarning> fixture = Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.STOLEN_CPU).toList();
        assertEquals(1, fixture.size(), "the fixture's 005 lost 0.024 cores");
        assertTrue(fixture.get(0).message().contains("1 of 6 valid trials lost more than 0.01 cores, up to 0.024 in "
                + "005-none-mixed-w1-r2"), fixture.get(0).message());
        steal(dir.resolve("trials/001-none-mixed-w1-r1/trial.json"), "0.01"); // at the limit: not over it
        steal(dir.resolve("trials/002-strace-mixed-w1-r1/trial.json"), "0.051");
        steal(dir.resolve("trials/005-none-mixed-w1-r2/trial.json"), "0.211");
        Results r = ResultsReader.read(dir);
        assertEquals(0.211, r.trials().stream().filter(t -> t.name().startsWith("005")).findFirst().orElseThrow()
                .cpuCores().steal(), 1e-9);
        List<RunWarning> w = Analysis.of(r).warnings().stream().filter(x -> x.kind() == WarningKind.STOLEN_CPU).toList();
        assertEquals(1, w.size(), "one warning for the run, not one per configuration");
        assertTrue(w.get(0).message().contains("2 of 6 valid trials lost more than 0.01 cores, up to 0.211 in "
                + "005-none-mixed-w1-r2"), w.get(0).message());
        assertTrue(Metrics.of(r.trials().get(0)).containsKey(Metrics.CPU_STEAL), "summary.csv gets cpu_steal");
        steal(dir.resolve("trials/002-strace-mixed-w1-r1/trial.json"), "0.0");
        steal(dir.resolve("trials/005-none-mixed-w1-r2/trial.json"), "0.0104"); // just over: not shown as "0.010"
        List<RunWarning> barely = Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.STOLEN_CPU).toList();
        assertTrue(barely.get(0).message().contains("1 of 6 valid trials lost more than 0.01 cores, up to 0.0104 in "),
                barely.get(0).message());
        steal(dir.resolve("trials/005-none-mixed-w1-r2/trial.json"), "0.0");
        assertTrue(Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .noneMatch(x -> x.kind() == WarningKind.STOLEN_CPU), "no trial over the limit: no warning");
    }

    @Test
    void trialsWhereOtherProcessesTookCpuAreWarnedAboutAndOlderResultsAreNot() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        Results r = ResultsReader.read(dir);
        List<RunWarning> w = Analysis.of(r).warnings().stream()
                .filter(x -> x.kind() == WarningKind.OTHER_PROCESSES).toList();
        assertEquals(1, w.size(), "the fixture's fatrace r2 saw 0.061 cores of other processes");
        assertTrue(w.get(0).message().contains("1 of 6 valid trials saw other processes take more than 0.05 cores, up to"
                + " 0.061 in 004-fatrace-mixed-w1-r2"), w.get(0).message());
        assertEquals("other-processes", w.get(0).kind().code());
        assertTrue(Metrics.of(r.trials().get(0)).containsKey(Metrics.CPU_OTHER_USER), "summary.csv gets cpu_other_user");
        // results written before tracebench measured it: no value, no warning, no metric
        try (java.util.stream.Stream<Path> trials = Files.list(dir.resolve("trials"))) {
            for (Path t : (Iterable<Path>) trials::iterator) {
                Path j = t.resolve("trial.json");
                if (Files.exists(j)) Files.writeString(j, Files.readString(j).replaceFirst(",\\s*\"otherUser\": [0-9.]+", ""));
            }
        }
        Results old = ResultsReader.read(dir);
        assertTrue(Double.isNaN(old.trials().get(0).cpuCores().otherUser()));
        assertTrue(Analysis.of(old).warnings().stream().noneMatch(x -> x.kind() == WarningKind.OTHER_PROCESSES));
        assertFalse(Metrics.of(old.trials().get(0)).containsKey(Metrics.CPU_OTHER_USER));
    }

    private static void steal(Path trialJson, String cores) throws IOException {
        String before = Files.readString(trialJson);
        String after = before.replaceFirst("\"steal\": [0-9.]+", "\"steal\": " + cores);
        assertTrue(before.contains("\"steal\""), trialJson + " records steal");
        Files.writeString(trialJson, after);
    }

    @Test
    void analysisWarnsAboutVariationAndMissingBaseline() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        Path none2 = dir.resolve("trials/005-none-mixed-w1-r2/trial.json");
        Files.writeString(none2, Files.readString(none2).replace("\"throughputOpsPerSecond\": 34",
                "\"throughputOpsPerSecond\": 24"));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        List<WarningKind> kinds = a.warnings().stream().map(RunWarning::kind).toList();
        assertTrue(kinds.contains(WarningKind.HIGH_VARIATION), kinds.toString());
        assertTrue(kinds.contains(WarningKind.INVALID_TRIALS));
        assertTrue(kinds.contains(WarningKind.UNFINISHED_TRIALS));

        for (String n : List.of("001-none-mixed-w1-r1", "005-none-mixed-w1-r2")) {
            Files.writeString(dir.resolve("trials/" + n + "/trial.json"), "{\"status\": \"invalid\", "
                    + "\"invalidReason\": \"The load generator failed.\"}");
        }
        Analysis noBase = Analysis.of(ResultsReader.read(dir));
        assertTrue(noBase.warnings().stream().anyMatch(w -> w.kind() == WarningKind.NO_BASELINE
                && "strace".equals(w.tracer())));
        assertNull(noBase.find("strace", "mixed", 1).throughputVsNone());
    }

    @Test
    void overheadIsTheRatioOfMeansAgainstNone() throws IOException {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        Analysis.ConfigStats strace = a.find("strace", "mixed", 1);
        double none = a.find("none", "mixed", 1).metric(Metrics.THROUGHPUT).mean();
        assertEquals(strace.metric(Metrics.THROUGHPUT).mean() / none, strace.throughputVsNone().ratio(), 1e-12);
        assertTrue(strace.throughputVsNone().ci95Low() < strace.throughputVsNone().ratio());
        assertEquals(2, strace.valid().size());
        assertEquals(1, strace.invalid());
        Analysis.ConfigStats fatrace = a.find("fatrace", "mixed", 1);
        assertTrue(fatrace.seenOverall().mean() < 0.3, "blind stat/chmod count as unseen overall");
    }

    @Test
    void summariesAreWrittenAtomicallyIntoTheResultsDir() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        Summaries.write(dir);
        assertEquals(Files.readString(Path.of("src/test/resources/golden/summary.csv")),
                Files.readString(dir.resolve("summary.csv")));
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"method\": \"fieller-welch\""));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void terminalSummaryShowsOverheadIntervalCpuAndCompleteness() throws IOException {
        String t = TerminalSummary.text(Analysis.of(ResultsReader.read(Fixtures.resultsDir())));
        String strace = t.lines().filter(l -> l.startsWith("strace")).findFirst().orElseThrow();
        assertTrue(strace.contains(" 0.0530 ") && strace.contains("0.0481–0.0584") && strace.contains("100.0%"), strace);
        // blind stat and chmod left out of the headline: (38568 + 24574) of (54322 + 24574) reads and writes
        assertTrue(t.lines().anyMatch(l -> l.startsWith("fatrace") && l.endsWith(" 80.0%, 2 of 4 kinds blind")), t);
        assertFalse(t.contains("≤"), "no kind was counted without a path: " + t);
        assertTrue(t.contains("Warning: [invalid-trials] strace on mixed"), t);
    }

    @Test
    void terminalSummaryColumnsFitLongTracerAndWorkloadNames() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        try (var s = Files.list(dir.resolve("trials"))) {
            for (Path t : s.toList()) {
                Path j = t.resolve("trial.json");
                if (!Files.exists(j)) continue;
                Files.writeString(j, Files.readString(j).replace("\"tracer\": \"strace\"", "\"tracer\": \"strace-seccomp\"")
                        .replace("\"workload\": \"mixed\"", "\"workload\": \"mixed-with-a-long-name\""));
            }
        }
        String t = TerminalSummary.text(Analysis.of(ResultsReader.read(dir)));
        List<String> rows = t.lines().filter(l -> !l.startsWith("Warning:") && !l.startsWith("≤")).toList();
        int workloadAt = rows.get(0).indexOf("workload");
        int opsAt = rows.get(0).indexOf("ops/s") + "ops/s".length();
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("strace-seccomp ") && l.contains(" mixed-with-a-long-name ")), t);
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.startsWith("mixed", workloadAt) && row.charAt(workloadAt - 1) == ' ', "workload column aligned: " + t);
            assertTrue(row.charAt(opsAt) == ' ' && row.charAt(opsAt - 1) != ' ', "ops/s column aligned: " + t);
        }
    }

    @Test
    void anOperationSeenThroughAnotherEventSaysSoInTheReport() throws IOException {
        Path dir = Fixtures.copyWith(tmp, List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                json -> json.replaceFirst("\"completeness\"\\s*:\\s*\\{", "\"completeness\": {\"execute-subproc\": "
                        + "{\"performed\": 10, \"seen\": 9, \"ratio\": 0.9, \"pathRecall\": 1.0, \"observable\": true, "
                        + "\"blindTo\": [], \"attribution\": \"path\", \"seenAs\": \"OPEN of the executable\"}, "));
        Results r = ResultsReader.read(dir);
        Trial fatrace = r.trials().stream().filter(t -> t.name().equals("003-fatrace-mixed-w1-r1")).findFirst().orElseThrow();
        assertEquals("OPEN of the executable", fatrace.completeness().get("execute-subproc").seenAs());
        assertNull(fatrace.completeness().values().stream().filter(c -> c != fatrace.completeness().get("execute-subproc"))
                .map(Trial.Completeness::seenAs).filter(java.util.Objects::nonNull).findFirst().orElse(null));
        String md = new String(MarkdownReport.render(Analysis.of(r), List.of()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(md.contains("| fatrace | mixed | 1 | execute-subproc (as OPEN of the executable) | 2 | 20 | 18 | 90.0% |"), md);
    }

    @Test
    void aTracerBlindToEveryKindOfItsWorkloadReadsBlindNotZero() throws IOException {
        Path dir = Fixtures.copyWith(tmp, List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                json -> json.replaceAll("\"observable\"\\s*:\\s*true", "\"observable\": false"));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertTrue(a.find("fatrace", "mixed", 1).blindToAll());
        assertFalse(a.find("strace", "mixed", 1).blindToAll());
        String fatrace = TerminalSummary.text(a).lines().filter(l -> l.startsWith("fatrace")).findFirst().orElseThrow();
        assertTrue(fatrace.endsWith(" blind"), fatrace);
        String md = new String(MarkdownReport.render(a, List.of()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| fatrace | mixed | 1 |") && l.endsWith("| blind |")), md);
    }

    @Test
    void statisticsDoNotDependOnTheRandomizedTrialOrder() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        Files.move(dir.resolve("trials/003-fatrace-mixed-w1-r1"), dir.resolve("trials/000-fatrace-mixed-w1-r1"));
        Files.move(dir.resolve("trials/006-strace-mixed-w1-r2"), dir.resolve("trials/0000-strace-mixed-w1-r2"));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertEquals(List.of("none", "strace", "fatrace"), a.results().tracers());
        // the numbers are the golden's; a warning's example trial keeps the name it has here
        String json = new String(Summaries.json(a), java.nio.charset.StandardCharsets.UTF_8);
        Fixtures.assertGolden("summary.json", json.replace("000-fatrace-mixed-w1-r1", "003-fatrace-mixed-w1-r1")
                .replace("0000-strace-mixed-w1-r2", "006-strace-mixed-w1-r2").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
