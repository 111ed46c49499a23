package org.tracebench.harness.sampling;

import java.time.Duration;
import java.util.Locale;
import oshi.driver.linux.proc.CpuStat;

/**
 * How busy the machine is before anything runs: /proc/stat's CPU ticks read twice, as shares of
 * all CPUs (1.0 = every CPU the whole interval). {@code busyShare} leaves out this JVM's own CPU (its start-up and
 * JIT would otherwise count); {@code stealShare} is time the hypervisor gave to other guests while this VM wanted it.
 * For {@code doctor}: a benchmark on a busy or shared host measures the host as much as the tracer.
 */
public record HostCpu(double busyShare, double stealShare, double seconds) {
    /** Busy share of all CPUs above which {@link #advice} says something else is running. */
    public static final double BUSY_LIMIT = 0.10;

    /**
     * Shares between two readings of the system's CPU ticks (OSHI's {@link CpuStat} order, as the sampler reads them:
     * user, nice, system, idle, iowait, irq, softirq, steal); {@code selfTicks} is this process's CPU in the same
     * interval, in the same clock ticks, taken off busy.
     */
    static HostCpu between(long[] a, long[] b, long selfTicks, double seconds) {
        long[] d = new long[8];
        for (int i = 0; i < 8; i++) d[i] = Math.max(0, b[i] - a[i]);
        double total = d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6] + d[7];
        if (total <= 0) return new HostCpu(0, 0, seconds);
        double busy = Math.max(0, d[0] + d[1] + d[2] + d[5] + d[6] - selfTicks);
        return new HostCpu(busy / total, d[7] / total, seconds);
    }

    /** Reads the system's CPU ticks and this process's now and after {@code interval}. */
    public static HostCpu measure(Duration interval) throws InterruptedException {
        long[] a = CpuStat.getSystemCpuLoadTicks();
        long selfA = selfTicks();
        long t0 = System.nanoTime();
        Thread.sleep(interval.toMillis());
        long[] b = CpuStat.getSystemCpuLoadTicks();
        long selfB = selfTicks();
        return between(a, b, selfB - selfA, (System.nanoTime() - t0) / 1e9);
    }

    /** utime + stime of this process, in clock ticks, 0 when it cannot be read. */
    private static long selfTicks() {
        long[] st = Sampler.cpuTicksAndRssPages(ProcessHandle.current().pid());
        return st == null ? 0 : st[0];
    }

    /**
     * One line for doctor: the shares, and what to do when either is over its limit; the steal's limit is in cores
     * (run's stolen-cpu limit) over {@code cpus} CPUs.
     */
    public String advice(double stealLimitCores, int cpus) {
        String head = String.format(Locale.ROOT, "CPU over %.1f s before any trial: %.1f%% busy (not counting tracebench),"
                + " %.1f%% stolen by other guests", seconds, busyShare * 100, stealShare * 100);
        if (stealShare * cpus > stealLimitCores) {
            return head + "; this host is shared, so timings will follow its load: prefer bare metal or dedicated"
                    + " vCPUs, or run when the host is quieter (run and report warn with stolen-cpu).";
        }
        if (busyShare > BUSY_LIMIT) {
            return head + "; something else is running (top shows what): stop it before measuring.";
        }
        return head + ".";
    }
}
