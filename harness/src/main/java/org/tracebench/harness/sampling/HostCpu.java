package org.tracebench.harness.sampling;

import java.time.Duration;
import java.util.Locale;
import oshi.driver.linux.proc.CpuStat;

/**
 * How busy the machine is before anything runs: /proc/stat read twice, as shares of all CPUs (1.0 = every CPU
 * the whole interval). {@code busyShare} leaves out this JVM's own CPU (its start-up and
 * JIT would otherwise count); {@code stealShare} is time the hypervisor gave to other guests while this VM wanted it.
 * For {@code doctor}: a benchmark on a busy or shared host measures the host as much as the tracer.
 */
public record HostCpu(double busyShare, double stealShare, double seconds) {
    /** Busy share of all CPUs above which {@link #advice} says something else is running. */
    public static final double BUSY_LIMIT = 0.10;

    /**
     * Shares between two readings of the system's CPU ticks (OSHI's {@link CpuStat} order, as the sampler reads them:
     * user, nice, system, idle, iowait, irq, softirq, steal) {@code seconds} apart on {@code cores} CPUs; busy is
     * their wall time less idle, iowait and steal ({@link MachineCpu}: the busy ticks alone miss short bursts), less
     * {@code selfTicks}, this process's CPU in the same interval in the same clock ticks ({@code userHz} a second).
     */
    static HostCpu between(long[] a, long[] b, long selfTicks, double seconds, int cores, long userHz) {
        long[] d = new long[8];
        for (int i = 0; i < 8; i++) d[i] = Math.max(0, b[i] - a[i]);
        if (!(seconds > 0) || cores <= 0) return new HostCpu(0, 0, seconds);
        MachineCpu m = MachineCpu.of(d, seconds * 1000, cores, userHz);
        double self = selfTicks / (double) userHz / seconds;
        return new HostCpu(Math.max(0, m.busyCores() - self) / cores, m.stealCores() / cores, seconds);
    }

    /** Reads the system's CPU ticks and this process's now and after {@code interval}. */
    public static HostCpu measure(Duration interval) throws InterruptedException {
        int cores = new oshi.SystemInfo().getHardware().getProcessor().getLogicalProcessorCount();
        long userHz = Math.max(1, oshi.software.os.linux.LinuxOperatingSystem.getHz());
        long[] a = CpuStat.getSystemCpuLoadTicks();
        long selfA = selfTicks();
        long t0 = System.nanoTime();
        Thread.sleep(interval.toMillis());
        long[] b = CpuStat.getSystemCpuLoadTicks();
        long selfB = selfTicks();
        return between(a, b, selfB - selfA, (System.nanoTime() - t0) / 1e9, cores, userHz);
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
