package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.Figure;
import org.tracebench.harness.charts.FigureBuilder;
import org.tracebench.loadgen.json.Json;

/** slowdown.tex and the slowdown chart say which workload and worker count the slowdowns come from, and what is left out. */
class SlowdownScopeTest {
    @TempDir Path tmp;
    private int number;

    @Test
    void aWorkersMatrixSaysTheWorkerCountShownAndThatTheOthersAreLeftOutAndEachRowItsWorkload() throws IOException {
        for (int workers : new int[] {1, 2}) {
            for (int r = 1; r <= 2; r++) {
                trial("none", "mixed", workers, r, Map.of("fork", op(2_000_000 + r)));
                trial("strace", "mixed", workers, r, Map.of("fork", op(2_100_000 + r)));
                trial("none", "stat-only", workers, r, Map.of("stat", op(3_000 + r)));
                trial("strace", "stat-only", workers, r, Map.of("stat", op(48_000 + r)));
            }
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        String tex = LatexTables.render(a).stream().filter(t -> t.fileName().equals("slowdown.tex"))
                .map(t -> new String(t.bytes(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        LatexAssert.wellFormed("slowdown.tex", tex);
        String caption = caption(tex);
        assertTrue(caption.contains("(1 worker, 5 s windows)"), caption);
        assertTrue(caption.contains("runs with 2 workers are not shown"), caption);
        assertTrue(tex.lines().anyMatch(l -> l.matches("Operation +& .* & Workload \\\\\\\\")), tex);
        assertTrue(tex.lines().anyMatch(l -> l.matches("stat +& 16\\.0 +& .* & stat-only \\\\\\\\")), tex);
        assertTrue(tex.lines().anyMatch(l -> l.matches("fork +& 1\\.05 +& .* & mixed \\\\\\\\")), tex);

        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("(the workload column); runs with 2 workers are not shown"), md);
        Figure f = new FigureBuilder(a, ChartStyle.PAPER).slowdownPerOp();
        assertTrue(f.caption().contains("with 1 worker,"), f.caption());
        assertTrue(f.caption().contains("runs with 2 workers are not shown"), f.caption());
    }

    @Test
    void oneWorkloadAndOneWorkerCountAreNamedInTheCaptionWithoutAColumn() throws IOException {
        for (int r = 1; r <= 2; r++) {
            trial("none", "stat-only", 2, r, Map.of("stat", op(3_000 + r)));
            trial("strace", "stat-only", 2, r, Map.of("stat", op(48_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        String tex = new String(LatexTables.render(a).get(2).bytes(), StandardCharsets.UTF_8);
        assertTrue(caption(tex).contains("(2 workers, 5 s windows)"), tex);
        assertTrue(caption(tex).contains("trials, measured on workload stat-only (a workload doing only that kind"
                + " where the suite has one)."), tex);
        assertTrue(!tex.contains("not shown") && !tex.contains("Workload \\\\"), tex);
        assertEquals(List.of("workload stat-only", "2 workers"), SlowdownScope.of(a, OpSlowdowns.all(a)).constants());
    }

    @Test
    void otherWorkloadsDoingOnlyTheSameKindAreSaidToBeLeftOut() throws IOException {
        for (int r = 1; r <= 2; r++) {
            for (String w : List.of("rd-biglong", "rd-bigshort", "rd-small")) {
                trial("none", w, 1, r, Map.of("readdir", op(10_000 + r)));
                trial("bpftrace", w, 1, r, Map.of("readdir", op((w.equals("rd-small") ? 150_000 : 12_400) + r)));
            }
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        SlowdownScope scope = SlowdownScope.of(a, OpSlowdowns.all(a));
        assertEquals(List.of("rd-bigshort", "rd-small"), scope.leftOutWorkloads());
        String note = "the slowdowns of readdir on workloads rd-bigshort and rd-small are not shown (each kind is"
                + " measured on one workload: the one doing the fewest kinds, the first by name among those)";
        String tex = new String(LatexTables.render(a).get(2).bytes(), StandardCharsets.UTF_8);
        assertTrue(caption(tex).contains("measured on workload rd-biglong (a workload doing only that kind where the suite"
                + " has one); " + note), tex);
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("(the workload column); " + note), md);
        Figure f = new FigureBuilder(a, ChartStyle.PAPER).slowdownPerOp();
        assertTrue(f.caption().contains(note), f.caption());
    }

    @Test
    void aKindTwoMultiKindWorkloadsShareIsShownFromOneAndTheOtherIsNamedAsNotShownEverywhere() throws IOException {
        // per-op.yaml: exec-fork (fork + execute-subproc) and exec-heavy (execute-subproc + execute-subthread)
        for (int r = 1; r <= 2; r++) {
            trial("none", "exec-fork", 1, r, Map.of("fork", op(900_000 + r), "execute-subproc", op(1_000_000 + r)));
            trial("strace", "exec-fork", 1, r, Map.of("fork", op(3_000_000 + r), "execute-subproc", op(4_530_000 + r)));
            trial("none", "exec-heavy", 1, r, Map.of("execute-subproc", op(1_000_000 + r),
                    "execute-subthread", op(1_100_000 + r)));
            trial("strace", "exec-heavy", 1, r, Map.of("execute-subproc", op(11_200_000 + r),
                    "execute-subthread", op(12_000_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        OpSlowdowns.Slowdown shown = OpSlowdowns.byTracer(OpSlowdowns.all(a)).get("strace").get("execute-subproc");
        assertEquals("exec-fork", shown.workload(), "two kinds each: the first by name");
        assertEquals(4.53, shown.factor(), 0.01);
        SlowdownScope scope = SlowdownScope.of(a, OpSlowdowns.all(a));
        assertEquals(List.of("exec-heavy"), scope.leftOutWorkloads());
        String note = "the slowdown of execute-subproc on workload exec-heavy is not shown (each kind is measured on"
                + " one workload: the one doing the fewest kinds, the first by name among those)";
        assertEquals(note, scope.leftOutNote());
        String tex = new String(LatexTables.render(a).get(2).bytes(), StandardCharsets.UTF_8);
        assertTrue(caption(tex).contains("; " + note + "."), tex);
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("(the workload column); " + note), md);
        Figure f = new FigureBuilder(a, ChartStyle.PAPER).slowdownPerOp();
        assertTrue(f.caption().contains("; " + note), f.caption());
        Path json = Files.write(tmp.resolve("summary.json"), Summaries.json(a));
        List<?> notShown = (List<?>) JsonMaps.readObject(json).get("opSlowdownsNotShown");
        assertEquals(1, notShown == null ? 0 : notShown.size(), Files.readString(json));
        Map<?, ?> d = (Map<?, ?>) notShown.get(0);
        assertEquals(List.of("strace", "execute-subproc", "exec-heavy", false),
                List.of(d.get("tracer"), d.get("op"), d.get("workload"), d.get("onlyOpOfWorkload")));
        assertEquals(11.2, ((Number) d.get("meanLatencyRatioVsNone")).doubleValue(), 0.01);
    }

    @Test
    void aKindIsTakenFromTheWorkloadDoingTheFewestKindsBeforeOneEarlierByName() throws IOException {
        for (int r = 1; r <= 2; r++) {
            trial("none", "a-mix", 1, r, Map.of("stat", op(3_000 + r), "open", op(5_000 + r), "read", op(2_000 + r)));
            trial("strace", "a-mix", 1, r, Map.of("stat", op(30_000 + r), "open", op(50_000 + r),
                    "read", op(4_000 + r)));
            trial("none", "b-meta", 1, r, Map.of("stat", op(3_000 + r), "chmod", op(4_000 + r)));
            trial("strace", "b-meta", 1, r, Map.of("stat", op(48_000 + r), "chmod", op(40_000 + r)));
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        OpSlowdowns.Slowdown stat = OpSlowdowns.byTracer(OpSlowdowns.all(a)).get("strace").get("stat");
        assertEquals("b-meta", stat.workload(), "two kinds before three");
        assertEquals(16.0, stat.factor(), 0.01);
        assertTrue(SlowdownScope.of(a, OpSlowdowns.all(a)).leftOutNote()
                .startsWith("the slowdown of stat on workload a-mix is not shown"));
    }

    @Test
    void aWorkloadAnotherTracerShowsTheKindFromIsNamedForTheTracersItIsLeftOutFor() throws IOException {
        for (int r = 1; r <= 2; r++) {
            for (String w : List.of("a-stat", "b-stat")) {
                trial("none", w, 1, r, Map.of("stat", op(3_000 + r)));
                trial("strace", w, 1, r, Map.of("stat", op(48_000 + r)));
            }
            trial("fatrace", "b-stat", 1, r, Map.of("stat", op(6_000 + r))); // fatrace: only b-stat, shown from it
        }
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        assertTrue(SlowdownScope.of(a, OpSlowdowns.all(a)).leftOutNote()
                .startsWith("the slowdown of stat on workload b-stat for strace is not shown"));
    }

    private static String caption(String tex) {
        return String.join(" ", tex.lines().filter(l -> l.startsWith("%   ")).map(l -> l.substring(4)).toList());
    }

    private static Map<String, Object> op(double meanNanos) {
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", meanNanos);
        lat.put("p99", meanNanos * 2);
        lat.put("mean", meanNanos);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", 1000);
        o.put("errors", 0);
        o.put("opsPerSecond", 200.0);
        o.put("latencyNanos", lat);
        return o;
    }

    private void trial(String tracer, String workload, int workers, int rep, Map<String, Object> ops) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("trials").resolve(
                String.format(java.util.Locale.ROOT, "%03d-%s-%s-w%d-r%d", ++number, tracer, workload, workers, rep)));
        Map<String, Object> j = SyntheticTrials.head(tracer, workload, rep, 5.0);
        j.put("workers", workers);
        j.put("throughputOpsPerSecond", 200.0 * ops.size());
        j.put("ops", ops);
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
