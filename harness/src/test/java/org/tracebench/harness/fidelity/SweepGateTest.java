package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;

/** The automatic sweep stops above the level where the baseline saturated, judged from real trial files. */
class SweepGateTest {
    @TempDir
    Path tmp;

    private List<TrialSpec> plan(Path task, boolean auto) {
        SweepSpec s = new SweepSpec(auto ? List.of() : List.of(100.0, 200.0, 400.0), auto, 100, 3, 0.9, List.of());
        List<TrialSpec> configs = List.of(new TrialSpec(0, TracerSpec.of("none"), "t", task, 1, 0),
                new TrialSpec(0, TracerSpec.of("strace"), "t", task, 1, 0));
        return SweepPlan.build(s, configs, 0);
    }

    /** A finished trial whose load generator completed {@code opsPerSecond} (two ops per iteration). */
    private static void finish(ResultsDir rd, TrialSpec t, double opsPerSecond) throws Exception {
        Path d = rd.freshTrialDir(t);
        rd.writeJson(d.resolve("load.json"), Map.of("ops", Map.of("stat", Map.of("opsPerSecond", opsPerSecond / 2),
                "read", Map.of("opsPerSecond", opsPerSecond / 2))));
        rd.writeJson(d.resolve("trial.json"), Map.of("status", "ok"));
    }

    private ResultsDir results(boolean auto) throws Exception {
        ResultsDir rd = ResultsDir.create(tmp, "g", LocalDateTime.of(2026, 1, 1, 0, 0));
        SweepSpec s = new SweepSpec(auto ? List.of() : List.of(100.0, 200.0, 400.0), auto, 100, 3, 0.9, List.of());
        rd.writeManifest(Map.of("suiteAsRun", Map.of("sweep", s.toMap())));
        return rd;
    }

    @Test
    void higherLevelsAreSkippedOnceTheBaselineFallsBelowNinetyPercent() throws Exception {
        Path task = Files.writeString(tmp.resolve("t.yaml"), "name: t\ntasks:\n  - {op: stat, path: a}\n  - {op: read, path: a}\n");
        assertEquals(2, Rates.opsPerIteration(task));
        List<TrialSpec> plan = plan(task, true);
        assertEquals(6, plan.size()); // levels 100, 200, 400 × (none, strace)
        ResultsDir rd = results(true);
        SweepGate gate = SweepGate.of(rd, plan);
        finish(rd, plan.get(0), 200);  // 100 it/s offered, 100 achieved
        assertNull(gate.skipReason(plan.get(2)), "the baseline kept up at 100/s");
        finish(rd, plan.get(2), 340);  // 200 offered, 170 achieved: 85% < 90%
        assertNull(gate.skipReason(plan.get(3)), "the saturated level itself runs for every tracer");
        String why = gate.skipReason(plan.get(4));
        assertEquals("the baseline saturated at 200/s (achieved 170/s)", why);
        assertTrue(gate.skipReason(plan.get(5)) != null);
    }

    @Test
    void explicitLevelsAlwaysRun() throws Exception {
        Path task = Files.writeString(tmp.resolve("t.yaml"), "name: t\ntasks:\n  - {op: stat, path: a}\n");
        List<TrialSpec> plan = plan(task, false);
        ResultsDir rd = results(false);
        finish(rd, plan.get(0), 10);
        assertNull(SweepGate.of(rd, plan).skipReason(plan.get(4)));
    }
}
