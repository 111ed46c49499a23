package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.SweepPlan;
import org.tracebench.harness.fidelity.SweepSpec;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.json.Json;

/**
 * Ctrl-C discards the trial in progress, so an interrupted run leaves no trace of the trials it did not run: the
 * report compares manifest.json's plan with the trial directories, and says nothing without a plan.
 */
class NotRunTrialsTest {
    @TempDir Path tmp;

    /** The fixture's eight trials (001-008, none/strace/fatrace on mixed with 1 worker) and then {@code more}. */
    private static List<TrialSpec> fixturePlan(TrialSpec... more) {
        Path task = Path.of("/nonexistent/mixed.yaml");
        List<TrialSpec> p = new ArrayList<>();
        String[] tracers = {"none", "strace", "fatrace", "fatrace", "none", "strace", "strace", "none"};
        int[] reps = {1, 1, 1, 2, 2, 2, 3, 3};
        for (int i = 0; i < 8; i++) p.add(new TrialSpec(i + 1, TracerSpec.of(tracers[i]), "mixed", task, 1, reps[i]));
        p.addAll(List.of(more));
        return p;
    }

    /** A copy of the fixture whose manifest.json holds {@code plan} and the settings --resume needs. */
    private Path withPlan(List<TrialSpec> plan) throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Path mf = dir.resolve("manifest.json");
        Map<String, Object> m = new LinkedHashMap<>(JsonMaps.readObject(mf));
        m.put("suiteAsRun", Map.of("duration", "5s", "warmup", "1s", "cooldown", "1s", "samplingInterval", "100ms"));
        m.put("plan", plan.stream().map(TrialSpec::toMap).toList());
        Files.writeString(mf, Json.write(m));
        return dir;
    }

    private static List<RunWarning> notRun(Analysis a) {
        return a.warnings().stream().filter(w -> w.kind() == WarningKind.NOT_RUN_TRIALS).toList();
    }

    @Test
    void trialsOfThePlanWithoutADirectoryAreCountedWarnedAboutAndShownPerConfiguration() throws Exception {
        Path task = Path.of("/nonexistent/mixed.yaml");
        Path dir = withPlan(fixturePlan(new TrialSpec(9, TracerSpec.of("fatrace"), "mixed", task, 1, 3),
                new TrialSpec(10, TracerSpec.of("none"), "mixed", task, 2, 1),
                new TrialSpec(11, TracerSpec.of("strace"), "mixed", task, 2, 1)));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertEquals(3, a.results().notRun().size());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("\n8 of 11 planned trials: 6 valid, 1 invalid, 1 unfinished; 3 not run. "), md);
        assertTrue(md.contains("| fatrace | mixed | 1 | 2 of 3 |"), md);
        assertTrue(md.contains("| strace | mixed | 1 | 2 of 3 (+1 invalid) |"), md);
        assertTrue(md.contains("Not one trial has run of none on mixed with 2 workers (1 planned), strace on mixed with 2"
                + " workers (1 planned)."), md);
        List<RunWarning> w = notRun(a);
        assertEquals(1, w.size(), a.warnings().toString());
        assertTrue(w.get(0).message().contains("(3 of 11 planned trials; not one trial of none on mixed with 2 workers,"
                + " strace on mixed with 2 workers)"), w.get(0).message());
        assertTrue(w.get(0).message().endsWith("finish the suite with tracebench run --resume " + dir + "."), w.get(0).message());
        assertTrue(md.contains(w.get(0).message()), md);
        Map<String, Object> json = JsonMaps.readObject(Files.write(tmp.resolve("summary.json"), Summaries.json(a)));
        assertEquals(11, ((Number) JsonMaps.map(json, "trials").get("planned")).intValue());
        assertEquals(3, ((Number) JsonMaps.map(json, "trials").get("notRun")).intValue());
        assertTrue(new String(Summaries.json(a), StandardCharsets.UTF_8).contains("\"plannedTrials\": 3"));
    }

    @Test
    void aCompleteRunAndARunWithoutAPlanSayNothingAboutIt() throws Exception {
        Analysis complete = Analysis.of(ResultsReader.read(withPlan(fixturePlan())));
        assertTrue(notRun(complete).isEmpty(), complete.warnings().toString());
        String md = new String(MarkdownReport.render(complete, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("\n8 trials: 6 valid, 1 invalid, 1 unfinished. "), md);
        assertFalse(md.contains("Not one trial"), md);
        assertTrue(new String(Summaries.json(complete), StandardCharsets.UTF_8).contains("\"notRun\": 0"));

        Analysis noPlan = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        assertTrue(notRun(noPlan).isEmpty());
        assertFalse(new String(Summaries.json(noPlan), StandardCharsets.UTF_8).contains("notRun"));
    }

    @Test
    void aPlanThatCannotBeResumedIsNotAdvisedToBeResumed() throws Exception {
        Path dir = withPlan(fixturePlan(new TrialSpec(9, TracerSpec.of("none"), "mixed", Path.of("/x.yaml"), 2, 1)));
        Path mf = dir.resolve("manifest.json");
        Map<String, Object> m = new LinkedHashMap<>(JsonMaps.readObject(mf));
        m.remove("suiteAsRun");
        Files.writeString(mf, Json.write(m));
        List<RunWarning> w = notRun(Analysis.of(ResultsReader.read(dir)));
        assertEquals(1, w.size());
        assertFalse(w.get(0).message().contains("--resume " + dir), w.get(0).message());
        assertTrue(w.get(0).message().contains("run the suite again"), w.get(0).message());
    }

    /** A finished sweep trial: trial.json and a load.json with {@code opsPerSecond} (one op per iteration). */
    private static void finish(ResultsDir rd, TrialSpec t, double opsPerSecond) throws Exception {
        Path d = rd.freshTrialDir(t);
        rd.writeJson(d.resolve("load.json"), Map.of("ops", Map.of("stat", Map.of("opsPerSecond", opsPerSecond))));
        Map<String, Object> j = new LinkedHashMap<>(Map.of("status", "ok", "tracer", t.tracer().label(),
                "workload", t.workloadLabel(), "workers", t.workers(), "repetition", t.repetition()));
        rd.writeJson(d.resolve("trial.json"), j);
    }

    @Test
    void levelsOfAnAutomaticSweepSkippedByDesignAreNotCountedAsNotRun() throws Exception {
        Path task = Files.writeString(tmp.resolve("t.yaml"), "name: t\ntasks:\n  - {op: stat, path: a}\n");
        SweepSpec s = new SweepSpec(List.of(), true, 100, 3, 0.9, List.of());
        List<TrialSpec> plan = SweepPlan.build(s, List.of(new TrialSpec(0, TracerSpec.of("none"), "t", task, 1, 0),
                new TrialSpec(0, TracerSpec.of("strace"), "t", task, 1, 0)), 0); // 100, 200, 400/s × (none, strace)
        assertEquals(6, plan.size());
        ResultsDir rd = ResultsDir.create(tmp, "sweep", java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
        rd.writeManifest(Map.of("suite", "sweep", "suiteAsRun", Map.of("sweep", s.toMap()),
                "plan", plan.stream().map(TrialSpec::toMap).toList()));
        finish(rd, plan.get(0), 100); // none at 100/s kept up
        finish(rd, plan.get(2), 150); // none at 200/s achieved 75%: saturated, so 400/s is skipped
        Results r = ResultsReader.read(rd.dir());
        assertEquals(4, r.plan().planned().size(), r.plan().toString());
        assertEquals(List.of(plan.get(1).dirName(), plan.get(3).dirName()), r.notRun().stream().map(Plan.Entry::dir).toList());
        finish(rd, plan.get(1), 100);
        finish(rd, plan.get(3), 150);
        Analysis complete = Analysis.of(ResultsReader.read(rd.dir()));
        assertTrue(notRun(complete).isEmpty(), complete.warnings().toString());
    }

    @Test
    void aRunOfNoneAloneSaysSoWhereCompletenessWouldBe() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        for (String t : List.of("002-strace-mixed-w1-r1", "003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2",
                "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3")) {
            ResultsDir.deleteTree(dir.resolve("trials").resolve(t));
        }
        String md = new String(MarkdownReport.render(Analysis.of(ResultsReader.read(dir)), List.of()), StandardCharsets.UTF_8);
        String completeness = md.substring(md.indexOf("## Completeness"), md.indexOf("## Warnings"));
        assertTrue(completeness.contains("No tracer besides none in this run"), completeness);
        assertFalse(completeness.contains("No valid trials."), completeness);
    }
}
