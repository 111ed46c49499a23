package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.hardware.CentralProcessor.TickType;

/**
 * The window's CPU means run between the samples nearest the load generator's window, not to the harness's last
 * sample. The values are those of a strace trial whose harness was stopped (SIGSTOP) for 4 s in its 2 s window: it
 * recorded tracer 0.0347 and load 0.328 cores (the 2 s of CPU spread over 4.6 s) against 0.303 and 0.636 undisturbed.
 */
class SampledWindowTest {
    private static final long MS = 1_000_000L;

    /** Cumulative counters at {@code ms}: ticks user, system, idle, iowait (2 cores, 100 Hz), CPU in ms. */
    private static Sampler.Snapshot at(long ms, long user, long system, long idle, long iowait, long loadMs, long tracerMs) {
        Sampler.Snapshot s = new Sampler.Snapshot();
        s.nanos = 1_000_000_000_000L + ms * MS;
        s.ticks = new long[TickType.values().length];
        s.ticks[TickType.USER.getIndex()] = 5_000 + user;
        s.ticks[TickType.SYSTEM.getIndex()] = 3_000 + system;
        s.ticks[TickType.IDLE.getIndex()] = 90_000 + idle;
        s.ticks[TickType.IOWAIT.getIndex()] = 100 + iowait;
        s.loadCpuNanos = (7_000 + loadMs) * MS;
        s.loadUserNanos = (2_000 + loadMs / 3) * MS;
        s.tracerCpuMs = 40 + tracerMs;
        s.tracerUserMs = 10 + tracerMs / 10;
        return s;
    }

    private static long t(long ms) {
        return 1_000_000_000_000L + ms * MS;
    }

    @Test void aHarnessStoppedAcrossTheWindowsEndCountsTheWindowNotTheStall() {
        // samples at GO, 0.5 s, then none until 4.6 s: the tracer (strace) had exited with the load by then, so its
        // CPU stayed at its 0.5 s value, while the load's cgroup counted its result writing too
        List<Sampler.Snapshot> taken = List.of(at(0, 0, 0, 0, 0, 0, 0), at(502, 9, 39, 51, 0, 317, 160),
                at(4609, 62, 162, 694, 2, 1513, 160), at(4611, 63, 162, 694, 2, 1513, 160));
        CpuSummary c = SampledWindow.summarise(taken, t(3), t(2003), 2, 100, 0, 0, 2);
        assertEquals(0.502, c.windowSeconds(), 1e-9, "from GO's sample to the one nearest the window's end");
        assertEquals(160 / 502.0, c.tracerCores(), 1e-9, "the tracer's CPU over the time it took, not over the stall");
        assertEquals(317 / 502.0, c.loadCores(), 1e-9);
        assertEquals(2 - 0.51 / 0.502, c.systemCores(), 1e-9, "wall less idle between the same two samples");
        assertEquals(2.003 - 0.502, c.gapSeconds(), 1e-9, "no sample from 0.5 s to the window's end");
        String why = c.samplingProblem(500);
        assertNotNull(why, "a 1.5 s gap in a window sampled every 500 ms");
        assertTrue(why.contains("1.5 s") && why.contains("do not suspend the harness"), why);
    }

    @Test void theTracersUserAndSystemPartsRunBetweenTheSameSamplesAsItsTotal() {
        // the tracer busy in the first 500 ms (the warm-up) only: the window from 500 ms sees none of it, in every part
        List<Sampler.Snapshot> taken = List.of(at(0, 0, 0, 0, 0, 0, 0), at(500, 9, 39, 51, 0, 317, 160),
                at(1000, 20, 80, 100, 0, 600, 160), at(1500, 30, 120, 150, 0, 900, 250));
        CpuSummary warm = SampledWindow.summarise(taken, t(0), t(1000), 2, 100, 0, 0, 3);
        assertEquals(160 / 1000.0, warm.tracerCores(), 1e-9);
        assertEquals(16 / 1000.0, warm.tracerUserCores(), 1e-9, "tracerUserMs = 10 + tracerMs / 10");
        CpuSummary measured = SampledWindow.summarise(taken, t(500), t(1500), 2, 100, 0, 0, 3);
        assertEquals(90 / 1000.0, measured.tracerCores(), 1e-9);
        assertEquals(9 / 1000.0, measured.tracerUserCores(), 1e-9);
        var m = measured.toCpuCoresMap();
        assertEquals(0.009, (Double) m.get("tracerUser"), 1e-9);
        assertEquals(0.081, (Double) m.get("tracerSystem"), 1e-9);
        assertEquals((Double) m.get("tracer"), (Double) m.get("tracerUser") + (Double) m.get("tracerSystem"), 1e-9);
    }

    @Test void theLoadsSystemTimeRunsBetweenTheSameSamplesAsItsTotalWarmUpExcluded() {
        // the load all in the kernel during the 500 ms warm-up, all in user space in the window
        List<Sampler.Snapshot> taken = new java.util.ArrayList<>(List.of(at(0, 0, 0, 0, 0, 0, 0),
                at(500, 9, 39, 51, 0, 300, 0), at(1000, 20, 80, 100, 0, 600, 0), at(1500, 30, 120, 150, 0, 900, 0)));
        for (Sampler.Snapshot s : taken) s.loadUserNanos = s.nanos < t(500) ? 0 : (s.loadCpuNanos - 7_300 * MS);
        var m = SampledWindow.summarise(taken, t(500), t(1500), 2, 100, 0, 0, 3).toCpuCoresMap();
        assertEquals(0.6, (Double) m.get("load"), 1e-9);
        assertEquals(0.6, (Double) m.get("loadUser"), 1e-9);
        assertEquals(0.0, (Double) m.get("loadSystem"), 1e-9, "the warm-up's system time is not the window's");
        var all = SampledWindow.summarise(taken, t(0), t(1500), 2, 100, 0, 0, 3).toCpuCoresMap();
        assertEquals(0.2, (Double) all.get("loadSystem"), 1e-9, "300 ms of system time in 1.5 s");
    }

    @Test void anUndisturbedWindowEndsAtTheSampleNearestItsEndNotAtALateLastSample() {
        // periodic samples every 500 ms; END came 300 ms late (a slow last operation), and the load spent 200 ms
        // more meanwhile, which is not the window's
        List<Sampler.Snapshot> taken = new ArrayList<>();
        for (int i = 0; i <= 4; i++) taken.add(at(500L * i, 10L * i, 20L * i, 70L * i, 0, 300L * i, 150L * i));
        taken.add(at(2300, 46, 86, 298, 0, 1400, 600));
        CpuSummary c = SampledWindow.summarise(taken, t(2), t(2002), 2, 100, 0, 0, 5);
        assertEquals(2.0, c.windowSeconds(), 1e-9);
        assertEquals(0.6, c.loadCores(), 1e-9);
        assertEquals(0.3, c.tracerCores(), 1e-9);
        assertEquals(0.5, c.gapSeconds(), 1e-9, "one interval");
        assertNull(c.samplingProblem(500), "samples every interval: nothing to say");
    }

    @Test void aGapInsideTheWindowKeepsExactMeansButIsReported() {
        // the counters are cumulative: the means over a gap are exact, yet the harness (or the machine) stalled 2.5 s
        List<Sampler.Snapshot> taken = List.of(at(0, 0, 0, 0, 0, 0, 0), at(500, 10, 20, 70, 0, 300, 150),
                at(3000, 60, 120, 420, 0, 1800, 900), at(3500, 70, 140, 490, 0, 2100, 1050),
                at(4000, 80, 160, 560, 0, 2400, 1200), at(4004, 80, 160, 561, 0, 2400, 1200));
        CpuSummary c = SampledWindow.summarise(taken, t(1), t(4001), 2, 100, 0, 0, 5);
        assertEquals(4.0, c.windowSeconds(), 1e-9);
        assertEquals(0.6, c.loadCores(), 1e-9);
        assertEquals(0.3, c.tracerCores(), 1e-9);
        assertEquals(2.5, c.gapSeconds(), 1e-9);
        assertNotNull(c.samplingProblem(500));
        assertNull(c.samplingProblem(2000), "within two intervals of a 2 s sampler");
    }

    @Test void theGapLimitIsTwoIntervalsAndAtLeastAQuarterSecond() {
        assertEquals(1.0, SampledWindow.gapLimitSeconds(500), 1e-12);
        assertEquals(1.0, SampledWindow.gapLimitSeconds(50), 1e-12);
        assertEquals(1.6, SampledWindow.gapLimitSeconds(800), 1e-12);
        assertNull(new CpuSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1).samplingProblem(500), "an unknown gap is no problem");
    }
}
