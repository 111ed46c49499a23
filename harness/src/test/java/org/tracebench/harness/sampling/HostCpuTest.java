package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostCpuTest {
    // BEFORE as read on this VM (kernel 6.18, 2 CPUs); AFTER is it one second later with 26 ticks of steal added.
    private static final String BEFORE = "cpu  59508 0 42780 167786 2052 0 567 1304 0 0\n"
            + "cpu0 28312 0 16759 90938 246 0 44 644 0 0\ncpu1 31196 0 26021 76847 1805 0 522 659 0 0\nintr 2498639 0\n";
    private static final String AFTER = "cpu  59560 0 42800 167900 2052 0 570 1330 0 0\n"
            + "cpu0 28340 0 16769 90990 246 0 45 657 0 0\ncpu1 31220 0 26031 76910 1805 0 525 673 0 0\n";

    @Test
    void theAggregateLineIsParsedAndAnOldKernelsShortLineReadsZeros() {
        assertArrayEquals(new long[] {59508, 0, 42780, 167786, 2052, 0, 567, 1304, 0, 0}, HostCpu.parseCpuLine(BEFORE));
        assertArrayEquals(new long[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 0}, HostCpu.parseCpuLine("cpu 1 2 3 4\n"));
        assertThrows(IllegalArgumentException.class, () -> HostCpu.parseCpuLine("cpu0 1 2 3 4 5\n"));
    }

    @Test
    void sharesAreOfAllCpusWithThisProcessTakenOffBusy() {
        HostCpu c = HostCpu.between(HostCpu.parseCpuLine(BEFORE), HostCpu.parseCpuLine(AFTER), 30, 1.0);
        // deltas: user 52, system 20, idle 114, softirq 3, steal 26: total 215; busy 75 - 30 of our own
        assertEquals(45.0 / 215, c.busyShare(), 1e-12);
        assertEquals(26.0 / 215, c.stealShare(), 1e-12);
        assertTrue(c.advice().contains("12.1% stolen by other guests; this host is shared"), c.advice());
        HostCpu own = HostCpu.between(HostCpu.parseCpuLine(BEFORE), HostCpu.parseCpuLine(AFTER), 500, 1.0);
        assertEquals(0.0, own.busyShare(), "never negative when this JVM's ticks are counted at another instant");
    }

    @Test
    void aQuietMachineGetsNoAdviceAndABusyOneIsToldToStopTheOtherLoad() {
        long[] a = {100, 0, 100, 1000, 0, 0, 0, 0, 0, 0};
        assertTrue(HostCpu.between(a, new long[] {101, 0, 101, 1198, 0, 0, 0, 0, 0, 0}, 0, 1).advice()
                .endsWith("0.0% stolen by other guests."));
        String busy = HostCpu.between(a, new long[] {180, 0, 140, 1080, 0, 0, 0, 0, 0, 0}, 0, 1).advice();
        assertTrue(busy.contains("60.0% busy") && busy.contains("something else is running"), busy);
    }

    @Test
    void thisMachineIsMeasured() throws Exception {
        HostCpu c = HostCpu.measure(Duration.ofMillis(200));
        assertTrue(c.seconds() >= 0.19, "slept the interval: " + c.seconds());
        assertTrue(c.busyShare() >= 0 && c.busyShare() <= 1 && c.stealShare() >= 0 && c.stealShare() <= 1, c.toString());
    }
}
