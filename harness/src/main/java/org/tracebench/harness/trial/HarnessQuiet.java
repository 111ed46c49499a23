package org.tracebench.harness.trial;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The last wait before GO: until the cooldown is over and the harness JVM itself is quiet. The harness compiles
 * (JIT) the code of each new tracer backend, parser and result writer in background compiler threads; left alone,
 * that compilation ran into the next measured window as 2-3% of a core of harness CPU, next to the load and the
 * tracer. Quiet means the whole harness process used under {@link #QUIET_CPU_FRACTION} of a core over one
 * {@link #STEP} (the sampler has not started yet; the tracer's helper threads are included and are far below it).
 */
final class HarnessQuiet {
    /** At most this long waiting for quiet after the cooldown: a busy harness must not stall a suite. */
    static final Duration LIMIT = Duration.ofSeconds(2);
    static final Duration STEP = Duration.ofMillis(50);
    static final double QUIET_CPU_FRACTION = 0.03;

    private HarnessQuiet() {}

    /**
     * Sleeps until {@code notBeforeNanos} ({@link System#nanoTime()}), then until the harness is quiet or
     * {@code limit} has passed. Returns whether it was quiet. Thread: the trial's; interruptible.
     */
    static boolean awaitGo(long notBeforeNanos, Duration limit) throws InterruptedException {
        long wait = notBeforeNanos - System.nanoTime();
        if (notBeforeNanos != Long.MIN_VALUE && wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        long deadline = System.nanoTime() + limit.toNanos();
        long step = STEP.toNanos();
        long cpu = processCpuNanos();
        if (cpu < 0) return true; // not measurable on this JVM: nothing to wait for
        while (true) {
            long start = System.nanoTime();
            Thread.sleep(STEP.toMillis());
            long now = processCpuNanos();
            long elapsed = System.nanoTime() - start;
            if (now - cpu <= QUIET_CPU_FRACTION * Math.max(step, elapsed)) return true;
            if (System.nanoTime() >= deadline) return false;
            cpu = now;
        }
    }

    /** CPU time of the whole harness process so far, in ns, or -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
