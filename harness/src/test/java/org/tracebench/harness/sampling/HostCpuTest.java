package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostCpuTest {
    // BEFORE as read on this VM (kernel 6.18, 2 CPUs: user nice system idle iowait irq softirq steal); AFTER is it
    // 1.075 s later (215 ticks of 10 ms on 2 CPUs) with 26 ticks of steal added.
    private static final long[] BEFORE = {59508, 0, 42780, 167786, 2052, 0, 567, 1304};
    private static final long[] AFTER = {59560, 0, 42800, 167900, 2052, 0, 570, 1330};

    @Test
    void sharesAreOfAllCpusWithThisProcessTakenOffBusy() {
        HostCpu c = HostCpu.between(BEFORE, AFTER, 30, 1.075, 2, 100);
        // deltas: user 52, system 20, idle 114, softirq 3, steal 26: 215 ticks of 2 × 1.075 s; busy 75 - 30 of our own
        assertEquals(45.0 / 215, c.busyShare(), 1e-12);
        assertEquals(26.0 / 215, c.stealShare(), 1e-12);
        // a CPU busy in bursts between the ticks: no busy tick, yet one CPU idle for only half the second
        HostCpu bursts = HostCpu.between(new long[8], new long[] {0, 0, 0, 150, 0, 0, 0, 0}, 0, 1.0, 2, 100);
        assertEquals(0.25, bursts.busyShare(), 1e-12, "busy is the wall time less idle, not the busy ticks");
        assertTrue(c.advice(0.01, 2).contains("12.1% stolen by other guests; this host is shared"), c.advice(0.01, 2));
        HostCpu own = HostCpu.between(BEFORE, AFTER, 500, 1.075, 2, 100);
        assertEquals(0.0, own.busyShare(), "never negative when this JVM's ticks are counted at another instant");
    }

    @Test
    void aQuietMachineGetsNoAdviceAndABusyOneIsToldToStopTheOtherLoad() {
        long[] a = {100, 0, 100, 1000, 0, 0, 0, 0};
        assertTrue(HostCpu.between(a, new long[] {101, 0, 101, 1198, 0, 0, 0, 0}, 0, 1, 2, 100).advice(0.01, 2)
                .endsWith("0.0% stolen by other guests."));
        // 1 tick of 250 stolen: 0.4% of 2 CPUs is 0.008 cores, under the limit; of 4 CPUs 0.016 cores, over it
        HostCpu little = HostCpu.between(a, new long[] {101, 0, 101, 1247, 0, 0, 0, 1}, 0, 1.25, 2, 100);
        assertTrue(little.advice(0.01, 2).endsWith("0.4% stolen by other guests."), little.advice(0.01, 2));
        assertTrue(little.advice(0.01, 4).contains("this host is shared"), little.advice(0.01, 4));
        String busy = HostCpu.between(a, new long[] {180, 0, 140, 1080, 0, 0, 0, 0}, 0, 1, 2, 100).advice(0.01, 2);
        assertTrue(busy.contains("60.0% busy") && busy.contains("something else is running"), busy);
    }

    @Test
    void thisMachineIsMeasuredAndItsOwnSpinningIsLeftOut() throws Exception {
        Thread spinner = new Thread(() -> {
            long end = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < end) Thread.onSpinWait();
        });
        spinner.start();
        HostCpu c = HostCpu.measure(Duration.ofMillis(300));
        spinner.join();
        assertTrue(c.seconds() >= 0.29, "slept the interval: " + c.seconds());
        assertTrue(c.stealShare() >= 0 && c.stealShare() <= 1, c.toString());
        assertTrue(c.busyShare() < 0.45, "this JVM's spinning core is not counted as someone else's load: " + c);
    }
}
