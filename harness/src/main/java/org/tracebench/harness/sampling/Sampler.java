package org.tracebench.harness.sampling;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.HWDiskStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples the machine every interval on one daemon thread and writes {@code system.csv} (columns in design.md).
 * Call order: {@link #start} once (just before GO), {@link #stop} once (right after DONE); stop returns the window's
 * means computed from cumulative counters at the first and last sample (not from averaging rows). The CSV is
 * written to a temporary file and renamed into place by stop. Not thread-safe: one trial drives it.
 */
public final class Sampler {
    public static final String HEADER = "t_ms,cpu_user,cpu_nice,cpu_system,cpu_idle,cpu_iowait,cpu_irq,cpu_softirq,cpu_steal,"
            + "load_cpu_cores,load_rss_bytes,tracer_cpu_cores,tracer_rss_bytes,harness_cpu_cores,ctx_switches,"
            + "disk_read_bytes,disk_write_bytes";
    private static final TickType[] TICKS = {TickType.USER, TickType.NICE, TickType.SYSTEM, TickType.IDLE, TickType.IOWAIT,
            TickType.IRQ, TickType.SOFTIRQ, TickType.STEAL};

    private final Machine machine;
    private final long intervalMillis;
    private final Path csv;
    private final Path tmp;
    private final long loadPid;
    private final LongSupplier loadCpuNanos;
    private final Supplier<List<Long>> tracerPids;
    private final ScheduledExecutorService timer;
    private final BufferedWriter out;
    private final Map<Long, OSProcess> procs = new HashMap<>();
    private final Map<Long, Long> tracerFirstCpuMs = new HashMap<>();
    private final Map<Long, Long> tracerLastCpuMs = new HashMap<>();

    private Snapshot first;
    private Snapshot prev;
    private long loadMaxRss;
    private long tracerMaxRss;
    private int rows;
    private IOException writeError;

    /** OSHI handles created once per harness run (SystemInfo is costly to set up). */
    public static final class Machine {
        final CentralProcessor cpu;
        final OperatingSystem os;
        final List<HWDiskStore> disks;
        final int cores;

        public Machine() {
            SystemInfo si = new SystemInfo();
            cpu = si.getHardware().getProcessor();
            os = si.getOperatingSystem();
            disks = si.getHardware().getDiskStores();
            cores = cpu.getLogicalProcessorCount();
        }

        public int cores() { return cores; }
    }

    /**
     * @param loadCpuNanos cumulative CPU of the load generator's processes (e.g. the cgroup's cpu.stat), or a
     *                     supplier returning -1 to fall back to the load generator process's own user+kernel time
     * @param tracerPids   the tracer's current pids (asked on every sample: tracers may fork)
     */
    public Sampler(Machine machine, long intervalMillis, Path csv, long loadPid, LongSupplier loadCpuNanos,
                   Supplier<List<Long>> tracerPids) throws IOException {
        this.machine = machine;
        this.intervalMillis = intervalMillis;
        this.csv = csv;
        this.tmp = csv.resolveSibling("." + csv.getFileName() + ".tmp");
        this.loadPid = loadPid;
        this.loadCpuNanos = loadCpuNanos;
        this.tracerPids = tracerPids;
        this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tracebench-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes the first sample now and then one every interval. */
    public void start() throws IOException {
        out.write(HEADER);
        out.write('\n');
        first = snapshot();
        prev = first;
        timer.scheduleAtFixedRate(this::sampleSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Takes a last sample, writes and renames system.csv, and returns the window's means. */
    public CpuSummary stop() throws IOException {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (first == null) throw new IllegalStateException("stop() before start()");
        sampleSafely();
        out.close();
        if (writeError != null) throw writeError;
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Snapshot last = prev;
        double wallMs = Math.max(1, (last.nanos - first.nanos) / 1e6);
        long[] dt = delta(last.ticks, first.ticks);
        double total = sum(dt);
        double busy = total - dt[3] - dt[4];
        double kernel = dt[2] + dt[5] + dt[6];
        long tracerMs = 0;
        for (Map.Entry<Long, Long> e : tracerLastCpuMs.entrySet()) tracerMs += e.getValue() - tracerFirstCpuMs.get(e.getKey());
        double coresFactor = total > 0 ? machine.cores / total : 0;
        return new CpuSummary((last.loadCpuNanos - first.loadCpuNanos) / 1e6 / wallMs, tracerMs / wallMs,
                busy * coresFactor, kernel * coresFactor, (last.harnessCpuNanos - first.harnessCpuNanos) / 1e6 / wallMs,
                loadMaxRss, tracerMaxRss, wallMs / 1000, rows);
    }

    /** Abandons sampling without writing system.csv (trial aborted). Idempotent. */
    public void abort() {
        timer.shutdownNow();
        try {
            out.close();
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: the trial directory is discarded anyway
        }
    }

    private synchronized void sampleSafely() {
        try {
            Snapshot s = snapshot();
            writeRow(prev, s);
            prev = s;
        } catch (IOException e) {
            writeError = e;
        } catch (RuntimeException e) {
            // a process vanished mid-read: skip this sample
        }
    }

    private Snapshot snapshot() {
        Snapshot s = new Snapshot();
        s.nanos = System.nanoTime();
        s.ticks = machine.cpu.getSystemCpuLoadTicks();
        s.ctxSwitches = machine.cpu.getContextSwitches();
        for (HWDiskStore d : machine.disks) {
            d.updateAttributes();
            s.diskRead += d.getReadBytes();
            s.diskWrite += d.getWriteBytes();
        }
        OSProcess load = proc(loadPid);
        long cg = loadCpuNanos.getAsLong();
        s.loadCpuNanos = cg >= 0 ? cg : load == null ? 0 : (load.getUserTime() + load.getKernelTime()) * 1_000_000L;
        s.loadRss = load == null ? 0 : load.getResidentSetSize();
        loadMaxRss = Math.max(loadMaxRss, s.loadRss);
        for (long pid : tracerPids.get()) {
            OSProcess p = proc(pid);
            if (p == null) continue;
            long ms = p.getUserTime() + p.getKernelTime();
            tracerFirstCpuMs.putIfAbsent(pid, first == null ? ms : 0L);
            tracerLastCpuMs.put(pid, ms);
            s.tracerRss += p.getResidentSetSize();
        }
        long tracerSum = 0;
        for (long v : tracerLastCpuMs.values()) tracerSum += v;
        s.tracerCpuMs = tracerSum;
        tracerMaxRss = Math.max(tracerMaxRss, s.tracerRss);
        s.harnessCpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return s;
    }

    /** The cached OSHI process, refreshed; null when it is gone. */
    private OSProcess proc(long pid) {
        OSProcess p = procs.get(pid);
        if (p == null) {
            p = machine.os.getProcess((int) pid);
            if (p == null) return null;
            procs.put(pid, p);
            return p;
        }
        return p.updateAttributes() ? p : null;
    }

    private void writeRow(Snapshot a, Snapshot b) throws IOException {
        double wallMs = Math.max(1e-3, (b.nanos - a.nanos) / 1e6);
        long[] dt = delta(b.ticks, a.ticks);
        double total = sum(dt);
        StringBuilder sb = new StringBuilder(200);
        sb.append(Math.round((b.nanos - first.nanos) / 1e6));
        for (long t : dt) sb.append(',').append(fmt(total > 0 ? t * machine.cores / total : 0));
        sb.append(',').append(fmt((b.loadCpuNanos - a.loadCpuNanos) / 1e6 / wallMs));
        sb.append(',').append(b.loadRss);
        sb.append(',').append(fmt(Math.max(0, b.tracerCpuMs - a.tracerCpuMs) / wallMs));
        sb.append(',').append(b.tracerRss);
        sb.append(',').append(fmt((b.harnessCpuNanos - a.harnessCpuNanos) / 1e6 / wallMs));
        sb.append(',').append(Math.max(0, b.ctxSwitches - a.ctxSwitches));
        sb.append(',').append(Math.max(0, b.diskRead - a.diskRead));
        sb.append(',').append(Math.max(0, b.diskWrite - a.diskWrite));
        sb.append('\n');
        out.write(sb.toString());
        rows++;
    }

    private static long[] delta(long[] b, long[] a) {
        long[] d = new long[TICKS.length];
        for (int i = 0; i < TICKS.length; i++) {
            int idx = TICKS[i].getIndex();
            d[i] = Math.max(0, b[idx] - a[idx]);
        }
        return d;
    }

    private static double sum(long[] v) {
        double s = 0;
        for (long x : v) s += x;
        return s;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static final class Snapshot {
        long nanos;
        long[] ticks;
        long ctxSwitches;
        long diskRead;
        long diskWrite;
        long loadCpuNanos;
        long loadRss;
        long tracerCpuMs;
        long tracerRss;
        long harnessCpuNanos;
    }
}
