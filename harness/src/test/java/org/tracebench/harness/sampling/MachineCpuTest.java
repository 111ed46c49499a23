package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.hardware.CentralProcessor.TickType;

/**
 * The machine's busy CPU is wall time less idle, not the busy clock ticks: on a NO_HZ kernel the ticks of a load that
 * runs in short bursts land mostly in idle, so the machine looked far less busy than its own load (a rated none
 * trial: load 0.234 cores, machine 0.061) and other processes' CPU went below zero, where no warning could see it.
 */
class MachineCpuTest {
    private static final long MS = 1_000_000L;

    /** Cumulative counters at {@code ms} (2 cores, 100 Hz): ticks user, system, idle, steal; the load's CPU in ms. */
    private static Sampler.Snapshot at(long ms, long user, long system, long idle, long steal, long loadMs, long loadUserMs) {
        Sampler.Snapshot s = new Sampler.Snapshot();
        s.nanos = 5_000_000_000L + ms * MS;
        s.ticks = new long[TickType.values().length];
        s.ticks[TickType.USER.getIndex()] = 1_000 + user;
        s.ticks[TickType.SYSTEM.getIndex()] = 700 + system;
        s.ticks[TickType.IDLE.getIndex()] = 90_000 + idle;
        s.ticks[TickType.STEAL.getIndex()] = 30 + steal;
        s.loadCpuNanos = loadMs * MS;
        s.loadUserNanos = loadUserMs * MS;
        return s;
    }

    @Test void busyIsWallTimeLessIdleAndTheTicksOnlySplitIt() {
        // 2 s on 2 cores, 3 s of them idle: 1 s busy (0.5 cores), of which the 6 ticks seen say 2/3 user
        List<Sampler.Snapshot> taken = List.of(at(0, 0, 0, 0, 0, 0, 0), at(2000, 4, 2, 300, 0, 468, 300));
        CpuSummary c = SampledWindow.summarise(taken, 5_000_000_000L, 5_000_000_000L + 2000 * MS, 2, 100, 0, 0, 1);
        assertEquals(0.5, c.systemCores(), 1e-9, "the ticks alone said 2 * 6 / 306 = 0.04 cores");
        assertEquals(0.5 / 3, c.kernelCores(), 1e-9);
        assertEquals(0.5 * 2 / 3 - 0.15, c.otherUserCores(), 1e-9, "user 0.333 less the load's 0.15");
        assertTrue(c.otherUserCores() > org.tracebench.harness.report.Analysis.OTHER_USER_LIMIT_CORES,
                "another process's 0.18 cores of user time is over the other-processes limit");
        assertTrue(c.systemCores() >= c.loadCores(), "the whole holds its parts: " + c);
    }

    @Test void stealIsNotBusyAndBusyStaysWithinTheCores() {
        MachineCpu m = MachineCpu.of(new long[] {50, 0, 30, 100, 0, 0, 0, 20}, 1000, 2, 100);
        assertEquals(0.2, m.stealCores(), 1e-9);
        assertEquals(0.8, m.busyCores(), 1e-9, "2 cores less 1 s idle and 0.2 s stolen");
        assertEquals(0.5, m.userCores(), 1e-9);
        assertEquals(0.3, m.kernelCores(), 1e-9);
        MachineCpu late = MachineCpu.of(new long[] {0, 0, 0, 250, 0, 0, 0, 0}, 1000, 2, 100);
        assertEquals(0, late.busyCores(), 1e-9, "idle read a little after the window's clock: never below zero");
        assertEquals(0, late.userCores(), 1e-9);
    }
}
