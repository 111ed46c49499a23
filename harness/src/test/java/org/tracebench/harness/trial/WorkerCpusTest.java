package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.suite.Suite;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.tracers.none.NoneTracer;

/** trial.json's workerCpus: the CPUs the load's workers may use, next to workers, for the oversubscribed warning. */
class WorkerCpusTest {
    private static TrialRecord record() {
        return new TrialRecord(new TrialSpec(1, Suite.TracerSpec.of("none"), "w", Path.of("/t.yaml"), 8, 1), new NoneTracer());
    }

    @Test
    void workerCpusComeFromTheSampledWorkersThePinningOrThisProcess() throws Exception {
        TrialRecord rec = record();
        assertEquals(CpuAffinity.allowedCpus().size(), rec.workerCpus(), "unpinned: the harness's CPUs, which the load inherits");
        rec.pinning = Map.of("mode", "separate-cpus", "loadCpus", "1-3", "tracerCpus", "0");
        assertEquals(3, rec.workerCpus());
        rec.cpuPlacement = Map.of("samples", 4, "workers", 8, "workerCpus", 2);
        assertEquals(2, rec.workerCpus(), "what the workers' threads were allowed, read while they ran");
    }
}
