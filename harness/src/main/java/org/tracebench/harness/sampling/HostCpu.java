package org.tracebench.harness.sampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How busy the machine is before anything runs: the aggregate {@code cpu} line of /proc/stat read twice, as shares of
 * all CPUs (1.0 = every CPU the whole interval). {@code busyShare} leaves out this JVM's own CPU (its start-up and
 * JIT would otherwise count); {@code stealShare} is time the hypervisor gave to other guests while this VM wanted it.
 * For {@code doctor}: a benchmark on a busy or shared host measures the host as much as the tracer.
 */
public record HostCpu(double busyShare, double stealShare, double seconds) {
    /** Busy share of all CPUs above which {@link #advice} says something else is running. */
    public static final double BUSY_LIMIT = 0.10;
    /** Steal share of all CPUs above which {@link #advice} says the host is shared (as Analysis' stolen-cpu does). */
    public static final double STEAL_LIMIT = 0.005;

    /**
     * The ten counters of /proc/stat's first line ({@code cpu  user nice system idle iowait irq softirq steal guest
     * guest_nice}), in clock ticks; missing trailing fields (old kernels) read as 0.
     */
    static long[] parseCpuLine(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("/proc/stat does not start with the aggregate cpu line: " + first);
        }
        long[] t = new long[10];
        for (int i = 1; i < f.length && i <= t.length; i++) t[i - 1] = Long.parseLong(f[i]);
        return t;
    }

    /**
     * Shares between two readings; {@code selfTicks} is this process's CPU in the same interval, taken off busy.
     * Guest time is already inside user and nice, so it is not added again.
     */
    static HostCpu between(long[] a, long[] b, long selfTicks, double seconds) {
        long[] d = new long[10];
        for (int i = 0; i < 10; i++) d[i] = Math.max(0, b[i] - a[i]);
        double total = d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6] + d[7];
        if (total <= 0) return new HostCpu(0, 0, seconds);
        double busy = Math.max(0, d[0] + d[1] + d[2] + d[5] + d[6] - selfTicks);
        return new HostCpu(busy / total, d[7] / total, seconds);
    }

    /** Reads /proc/stat now and after {@code interval}. */
    public static HostCpu measure(Duration interval) throws IOException, InterruptedException {
        Path stat = Path.of("/proc/stat");
        long[] a = parseCpuLine(Files.readString(stat));
        long selfA = selfTicks();
        long t0 = System.nanoTime();
        Thread.sleep(interval.toMillis());
        long[] b = parseCpuLine(Files.readString(stat));
        long selfB = selfTicks();
        return between(a, b, selfB - selfA, (System.nanoTime() - t0) / 1e9);
    }

    /** utime + stime of this process, in clock ticks (fields 14 and 15 of /proc/self/stat). */
    private static long selfTicks() throws IOException {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** One line for doctor: the shares, and what to do when either is over its limit. */
    public String advice() {
        String head = String.format(Locale.ROOT, "CPU over %.1f s before any trial: %.1f%% busy (not counting tracebench),"
                + " %.1f%% stolen by other guests", seconds, busyShare * 100, stealShare * 100);
        if (stealShare > STEAL_LIMIT) {
            return head + "; this host is shared, so timings will follow its load: prefer bare metal or dedicated"
                    + " vCPUs, or run when the host is quieter (run and report warn with stolen-cpu).";
        }
        if (busyShare > BUSY_LIMIT) {
            return head + "; something else is running (top shows what): stop it before measuring.";
        }
        return head + ".";
    }
}
