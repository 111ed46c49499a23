package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.sampling.CpuSummary;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;

class ProgressLineTest {
    private static CpuSummary cpu(double stealCores) {
        return cpu(stealCores, 0.004);
    }

    private static CpuSummary cpu(double stealCores, double otherUserCores) {
        return new CpuSummary(1.0, 0.4, 1.6, 0.7, 0.003, stealCores, otherUserCores, 60_000_000, 2_000_000, 6.0, 13);
    }

    private static String finished(CpuSummary cpu) {
        return finished(cpu, Double.NaN);
    }

    private static String finished(CpuSummary cpu, double iterationP99Nanos) {
        return finished(cpu, iterationP99Nanos, 0);
    }

    private static String finished(CpuSummary cpu, double iterationP99Nanos, long unfinished) {
        return finished(cpu, iterationP99Nanos, unfinished, 1);
    }

    private static String finished(CpuSummary cpu, double iterationP99Nanos, long unfinished, int workers) {
        return finished("strace", cpu, iterationP99Nanos, unfinished, workers);
    }

    private static String finished(String tracer, CpuSummary cpu, double iterationP99Nanos, long unfinished, int workers) {
        StringWriter s = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(s), false, Duration.ofSeconds(7));
        p.begin(1, 0, 1);
        TrialSpec t = new TrialSpec(1, TracerSpec.of(tracer), "mixed", Path.of("/tmp/mixed.yaml"), workers, 2);
        p.trialStarting(t);
        p.trialFinished(t, new TrialResult(true, null, 1234.4, cpu, Map.of(), 5, 1, iterationP99Nanos, unfinished));
        return s.toString().lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void anIterationP99TheUnfinishedCannotMoveHasNoLowerBoundMark() {
        StringWriter s = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(s), false, Duration.ofSeconds(7));
        p.begin(1, 0, 1);
        TrialSpec t = new TrialSpec(1, TracerSpec.of("strace"), "mixed", Path.of("/tmp/mixed.yaml"), 1, 2);
        p.trialStarting(t);
        p.trialFinished(t, new TrialResult(true, null, 1234.4, cpu(0.0), Map.of(), 5, 1, 2_500_000, 1, false));
        String line = s.toString().lines().reduce((a, b) -> b).orElse("");
        assertTrue(line.contains("iteration p99 2.5 ms from the intended start (1 in flight"), line);
    }

    @Test
    void aFinishedTrialSaysWhenOtherGuestsTookTheCpu() {
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s", finished(cpu(0.002)));
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s (other guests took 0.21 cores: steal)", finished(cpu(0.211)));
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s", finished(null));
    }

    @Test
    void aFinishedTrialSaysWhenOtherProcessesTookTheCpu() {
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s", finished(cpu(0.0, 0.049)));
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s (other processes took 0.09 cores)", finished(cpu(0.0, 0.092)));
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s (other guests took 0.02 cores: steal) (other processes took"
                + " 0.30 cores)", finished(cpu(0.02, 0.3)));
    }

    @Test
    void aRatedTrialsLineGivesItsIterationLatencyFromTheIntendedStart() {
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s, iteration p99 1.56 s from the intended start",
                finished(cpu(0.0), 1_560_281_087));
    }

    @Test
    void aRatedTrialThatFellBehindSaysItsP99IsALowerBound() {
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s, iteration p99 ≥ 1.98 s from the intended start (40000"
                + " iterations unfinished: the tracer fell behind the rate)", finished(cpu(0.0), 1_980_760_063, 40000));
        assertEquals("[1/1] strace mixed w4 r2 ok 1,234 ops/s, iteration p99 ≥ 1.98 s from the intended start (5"
                + " iterations unfinished: the tracer fell behind the rate)", finished(cpu(0.0), 1_980_760_063, 5, 4));
    }

    @Test
    void aBaselineThatFellBehindSaysTheRateIsTooHighNotThatATracerFellBehind() {
        assertEquals("[1/1] none mixed w1 r2 ok 1,234 ops/s, iteration p99 ≥ 1.98 s from the intended start (40000"
                + " iterations unfinished: the baseline could not sustain the rate, lower it: the tracers are not"
                + " comparable at it)", finished("none", cpu(0.0), 1_980_760_063, 40000, 1));
        StringWriter s = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(s), false, Duration.ofSeconds(7));
        p.begin(1, 0, 1);
        TrialSpec t = new TrialSpec(1, TracerSpec.of("none"), "mixed", Path.of("/tmp/mixed.yaml"), 1, 2,
                new TrialSpec.Placement(8000, 0, 0, "sweep"));
        p.trialStarting(t);
        p.trialFinished(t, new TrialResult(true, null, 1234.4, cpu(0.0), Map.of(), 5, 1, 1_980_760_063, 40000));
        assertTrue(s.toString().contains("(40000 iterations unfinished: the baseline saturates at this level)"), s.toString());
    }

    @Test
    void aRatedTrialWithOnlyAnIterationPerWorkerInFlightAtTheEndIsNotSaidToHaveFallenBehind() {
        assertEquals("[1/1] strace mixed w4 r2 ok 1,234 ops/s, iteration p99 ≥ 1.56 s from the intended start (4 in"
                + " flight at the window's end)", finished(cpu(0.0), 1_560_281_087, 4, 4));
        assertEquals("[1/1] strace mixed w1 r2 ok 1,234 ops/s, iteration p99 ≥ 1.56 s from the intended start (1 in"
                + " flight at the window's end)", finished(cpu(0.0), 1_560_281_087, 1));
    }

    @Test
    void theEtaCountsDownDuringATrialInsteadOfGrowingWithTheElapsedTime() {
        long[] now = {1_000_000_000L};
        ProgressLine p = new ProgressLine(new PrintWriter(new StringWriter()), false, Duration.ofSeconds(7), () -> now[0]);
        p.begin(3, 0, 3);
        TrialSpec t = new TrialSpec(1, TracerSpec.of("strace"), "mixed", Path.of("/tmp/mixed.yaml"), 1, 1);
        TrialResult ok = new TrialResult(true, null, 1234.4, cpu(0.0), Map.of(), 5, 1, Double.NaN, 0);
        p.trialStarting(t);
        assertEquals("21s", p.eta(), "before any trial finished: the estimate, 3 × 7 s");
        now[0] += 4_000_000_000L;
        assertEquals("17s", p.eta(), "4 s into the first trial");
        p.trialFinished(t, ok); // the first took 4 s
        p.trialStarting(t);
        assertEquals("8s", p.eta());
        for (String expected : List.of("7s", "6s", "5s", "4s", "4s")) { // never below the trials still to start
            now[0] += 1_000_000_000L;
            assertEquals(expected, p.eta());
        }
        p.trialFinished(t, ok); // two in 9 s: 4.5 s each
        p.trialStarting(t);
        now[0] += 1_500_000_000L;
        assertEquals("3s", p.eta());
        p.trialFinished(t, ok);
        assertEquals("0s", p.eta());
    }
    @Test
    void aResumeSaysWhichFinishedTrialsRunAgainBesideTheirPairs() {
        StringWriter s = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(s), false, Duration.ofSeconds(7));
        p.begin(2, 6, 8, 1);
        assertEquals("7 of 8 trials are already finished; running the 1 missing and again 1 finished one of their ABBA"
                + " pairs, so that both trials of a pair run in one session (the earlier attempts are kept in replaced/).\n",
                s.toString());
    }
}
