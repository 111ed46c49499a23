package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.json.Json;

/** compare lists a tracer's options, a matrix configuration's tracer version and a workload's rate among the differences. */
class CompareDifferencesTest {
    @TempDir Path tmp;

    static final List<String> ALL = List.of("001-none-mixed-w1-r1", "002-strace-mixed-w1-r1", "003-fatrace-mixed-w1-r1",
            "004-fatrace-mixed-w1-r2", "005-none-mixed-w1-r2", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3");
    static final List<String> STRACE = List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3");

    /** A copy of the fixture named {@code name} whose manifest.json went through {@code edit}. */
    static Path copy(Path parent, String name, UnaryOperator<Map<String, Object>> edit) throws Exception {
        Path dir = Fixtures.copyTo(Files.createDirectories(parent.resolve(name)));
        Path mf = dir.resolve("manifest.json");
        Files.writeString(mf, Json.write(edit.apply(new LinkedHashMap<>(JsonMaps.readObject(mf)))) + "\n");
        return dir;
    }

    static void editTrials(Path dir, List<String> trials, UnaryOperator<String> edit) throws Exception {
        for (String t : trials) {
            Path j = dir.resolve("trials").resolve(t).resolve("trial.json");
            String after = edit.apply(Files.readString(j));
            org.junit.jupiter.api.Assertions.assertNotEquals(Files.readString(j), after, t);
            Files.writeString(j, after);
        }
    }

    private static Map<String, Object> tracers(Map<String, Object> m, Map<String, String> straceOptions) {
        Map<String, Object> asRun = new LinkedHashMap<>(JsonMaps.map(m, "suiteAsRun"));
        asRun.put("tracers", List.of(Map.of("name", "none", "options", Map.of()),
                Map.of("name", "strace", "options", straceOptions), Map.of("name", "fatrace", "options", Map.of())));
        m.put("suiteAsRun", asRun);
        return m;
    }

    @Test
    void aTracersOptionsAreListedWhenTheyDiffer() throws Exception {
        Path a = copy(tmp, "a", m -> tracers(m, Map.of()));
        Path b = copy(tmp, "b", m -> tracers(m, Map.of("syscalls", "openat,close")));
        Comparison c = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(b)));
        assertEquals(List.of(new RunDifferences.Difference("options of strace", "defaults", "syscalls=openat,close")),
                c.differences().items());
        Comparison same = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(a)));
        assertEquals(List.of(), same.differences().items());
    }

    @Test
    void withoutSuiteAsRunsTracersTheTrialsOptionsTell() throws Exception {
        Path a = copy(tmp, "a", m -> m);
        Path b = copy(tmp, "b", m -> m);
        editTrials(b, STRACE, j -> j.replace("\"tracer\": \"strace\",", "\"tracer\": \"strace\", \"tracerOptions\": {\"syscalls\": \"read\"},"));
        Comparison c = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(b)));
        assertEquals(List.of(new RunDifferences.Difference("options of strace", "–", "syscalls=read")), c.differences().items());
    }

    @Test
    void aMatrixConfigurationsTracerVersionIsLookedUpByItsBackend() throws Exception {
        Path a = copy(tmp, "a", m -> m);
        Path b = copy(tmp, "b", m -> {
            m.put("tracerVersions", Map.of("strace", "6.2", "fatrace", "0.17.0"));
            return m;
        });
        for (Path d : List.of(a, b)) editTrials(d, STRACE, j -> j.replace("\"tracer\": \"strace\"", "\"tracer\": \"strace[syscalls=all]\""));
        Comparison c = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(b)));
        assertTrue(c.rows().stream().anyMatch(r -> r.config().tracer().equals("strace[syscalls=all]")), c.text());
        assertEquals(List.of(new RunDifferences.Difference("version of strace", "6.1", "6.2")), c.differences().items());
    }

    @Test
    void aWorkloadRunAtARateInOneRunAndClosedLoopInTheOtherIsADifference() throws Exception {
        Path a = copy(tmp, "a", m -> m);
        Path b = copy(tmp, "b", m -> m);
        editTrials(b, ALL, j -> j.replace("\"workers\": 1,", "\"workers\": 1, \"ratePerWorker\": 500.0,"));
        Comparison c = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(b)));
        assertEquals(List.of(new RunDifferences.Difference("rate of mixed w1 (iterations/s per worker)", "closed loop", "500")),
                c.differences().items());
        assertTrue(c.rows().stream().allMatch(Comparison.Row::openLoop), c.text());
        assertTrue(c.text().contains("strace     mixed †") && c.text().contains(CompareNotes.OPEN_LOOP + "\n  none mixed w1:"
                + " iteration p99 A – (closed loop), B – (not recorded)\n"), c.text());
        String md = new String(c.markdown(List.of()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(md.contains("| strace | mixed † | 1 |") && md.contains(CompareNotes.OPEN_LOOP + "\n\n- none mixed w1: "), md);
        String caption = org.tracebench.harness.charts.CompareFigures.ratio(c, org.tracebench.harness.charts.ChartStyle.PAPER).caption();
        assertTrue(caption.contains("; † open loop (a fixed rate): throughput is the offered rate"), caption);
    }

    @Test
    void anUnboundedIntervalIsExplainedInTheTableAndTheCaption() throws Exception {
        Path a = copy(tmp, "a", m -> m);
        editTrials(a, List.of("001-none-mixed-w1-r1"), j -> j.replace("\"throughputOpsPerSecond\": 35681.9", "\"throughputOpsPerSecond\": 100"));
        Comparison c = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(copy(tmp, "b", m -> m))));
        assertEquals(Double.POSITIVE_INFINITY, c.rows().get(0).bVsA().ci95High(), c.text());
        assertTrue(c.text().contains("\n" + CompareNotes.UNBOUNDED + "\n"), c.text());
        assertTrue(new String(c.markdown(List.of()), java.nio.charset.StandardCharsets.UTF_8).contains(CompareNotes.UNBOUNDED));
        String caption = org.tracebench.harness.charts.CompareFigures.ratio(c, org.tracebench.harness.charts.ChartStyle.PAPER).caption();
        assertTrue(caption.contains("as an unbounded one (to ∞: A's interval includes 0) always is"), caption);
    }

    @Test
    void sweepLevelsSortByRateNotAsText() throws Exception {
        Path a = copy(tmp, "a", m -> m);
        editTrials(a, STRACE, j -> j.replace("\"workload\": \"mixed\"", "\"workload\": \"mixed@1000/s\""));
        editTrials(a, List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                j -> j.replace("\"workload\": \"mixed\"", "\"workload\": \"mixed@250/s\""));
        Analysis x = Analysis.of(ResultsReader.read(a));
        Comparison c = Comparison.of(x, x);
        assertEquals(List.of("mixed", "mixed@250/s", "mixed@1000/s"), c.rows().stream().map(r -> r.config().workload()).toList());
        assertTrue(c.rows().get(1).openLoop(), "a sweep level is open loop");
    }

    @Test
    void theHostWarningPointsAtTheHostRowsWhereEachOutputPutsThem() throws Exception {
        Path a = copy(tmp, "a", m -> m);
        Path b = copy(tmp, "b", m -> m);
        editTrials(b, ALL.stream().filter(t -> !t.startsWith("005")).toList(), j -> j.replace("\"steal\": 0.0,", "\"steal\": 0.4,"));
        Comparison c = Comparison.of(Analysis.of(ResultsReader.read(a)), Analysis.of(ResultsReader.read(b)));
        assertTrue(c.differences().hostDiffers(), c.differences().items().toString());
        assertTrue(c.hostWarning().contains("(steal or other processes, listed above)"), c.hostWarning());
        String md = new String(c.markdown(List.of()), java.nio.charset.StandardCharsets.UTF_8);
        int warning = md.indexOf("(steal or other processes, listed under What differs between the runs, below)");
        assertTrue(warning > 0 && warning < md.indexOf("## What differs between the runs"), md);
        assertTrue(!md.contains("listed above"), md);
    }
}
