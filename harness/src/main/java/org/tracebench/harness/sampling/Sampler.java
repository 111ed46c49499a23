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
import java.util.function.Supplier;
import java.util.ArrayList;
import oshi.driver.linux.proc.CpuStat;
import oshi.driver.linux.proc.DiskStats;
import oshi.driver.linux.proc.ProcessStat;
import oshi.hardware.CentralProcessor.TickType;
import oshi.util.tuples.Triplet;
import org.tracebench.tracers.sys.Cgroups.CpuTime;

/**
 * Samples the machine every interval on one daemon thread and writes {@code system.csv} (columns in design.md).
 * Call order: {@link #start} once (just before GO), {@link #stop} once (right after END); stop returns the measured
 * window's means computed from cumulative counters at the samples nearest the window's start and end (not from
 * averaging rows; {@link SampledWindow}), while system.csv keeps every row from GO, warm-up included. The CSV is
 * written to a temporary file and renamed into place by stop. Not thread-safe: one trial drives it.
 */
public final class Sampler {
    public static final String HEADER = "t_ms,cpu_user,cpu_nice,cpu_system,cpu_idle,cpu_iowait,cpu_irq,cpu_softirq,cpu_steal,"
            + "load_cpu_cores,load_rss_bytes,tracer_cpu_cores,tracer_rss_bytes,harness_cpu_cores,ctx_switches,"
            + "disk_read_bytes,disk_write_bytes,other_user_cores,machine_busy_cores";
    private static final long SECTOR_BYTES = 512; // /proc/diskstats counts 512-byte sectors whatever the device
    private static final TickType[] TICKS = {TickType.USER, TickType.NICE, TickType.SYSTEM, TickType.IDLE, TickType.IOWAIT,
            TickType.IRQ, TickType.SOFTIRQ, TickType.STEAL};

    private final Machine machine;
    private final long intervalMillis;
    private final Path csv;
    private final Path tmp;
    private final long loadPid;
    private final Supplier<CpuTime> loadCpu;
    private final Supplier<List<Long>> tracerPids;
    private final ScheduledExecutorService timer;
    private final BufferedWriter out;
    /** Under {@link #out}: closed by itself too, since a writer whose last flush failed (disk full) leaves it open. */
    private final java.io.OutputStream raw;
    private final long selfPid = ProcessHandle.current().pid();
    /**
     * Each tracer pid's {CPU ms, user CPU ms} when last seen; a pid first seen after start counts from 0 (its whole CPU
     * falls between the sample before and the one that first sees it). A snapshot holds their sums.
     */
    private final Map<Long, long[]> tracerLastCpuMs = new HashMap<>();
    private Placement placement;
    private TracerThreads tracerThreads;

    private Snapshot first;
    /** The warm-up's end as this harness expects it (GO + warm-up): the window's start when END names none. */
    private long windowFromNanos;
    private Snapshot prev;
    /** Every sample taken, in order: stop picks the ones nearest the window's edges. */
    private final List<Snapshot> taken = new ArrayList<>();
    private long loadMaxRss;
    private long tracerMaxRss;
    private int rows;
    private IOException writeError;

    /**
     * Runs the whole sampling path 4000 times on {@link Machine}'s background thread while the first trial sets up,
     * so class loading and C1/C2 compilation of the /proc parsers happen before any measured window (with 300
     * rounds they still compiled bit by bit inside the first trials' windows, ~1% of a core). About 1 s of CPU.
     */
    static void warmUp(Sampler[] samplers) throws IOException {
        for (Sampler s : samplers) {
            s.out.write(HEADER);
            s.first = s.snapshot();
            s.prev = s.first;
            s.taken.add(s.first);
        }
        for (int i = 0; i < 4500; i++) samplers[i % 3].sampleSafely(); // the whole row path, as trials run it
        for (Sampler s : samplers) s.abort();
    }

    /**
     * @param loadCpu      cumulative CPU of the load generator's processes (the cgroup's cpu.stat), or a supplier
     *                     returning -1 in a field to fall back to the load generator process's own time
     * @param tracerPids   the tracer's current pids (asked on every sample: tracers may fork)
     */
    public Sampler(Machine machine, long intervalMillis, Path csv, long loadPid, Supplier<CpuTime> loadCpu,
                   Supplier<List<Long>> tracerPids) throws IOException {
        this.machine = machine;
        this.intervalMillis = intervalMillis;
        this.csv = csv;
        this.tmp = csv.resolveSibling("." + csv.getFileName() + ".tmp");
        this.loadPid = loadPid;
        this.loadCpu = loadCpu;
        this.tracerPids = tracerPids;
        this.raw = Files.newOutputStream(tmp);
        this.out = new BufferedWriter(new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8.newEncoder()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tracebench-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Also observes {@code p} at every sample (call before {@link #start}). */
    public void observe(Placement p) {
        this.placement = p;
    }

    /** Counts these threads of this JVM as the tracer's CPU, not the harness's ({@link TracerThreads}); before {@link #start}. */
    public void countAsTracer(Supplier<List<Long>> harnessThreads) {
        this.tracerThreads = new TracerThreads(harnessThreads, machine.userHz);
    }

    /** {@link #start(long)} with no warm-up: the summary covers everything from now. */
    public void start() throws IOException {
        start(0);
    }

    /**
     * Takes the first sample now and then one every interval, timed so that one falls {@code warmupMillis} from now
     * (the warm-up that follows GO): the summary {@link #stop} returns starts at the sample nearest the window's start,
     * so it covers the measured window only. system.csv has every row from now.
     */
    public void start(long warmupMillis) throws IOException {
        out.write(HEADER);
        out.write('\n');
        first = snapshot();
        prev = first;
        taken.add(first);
        long warmup = Math.max(0, warmupMillis);
        windowFromNanos = first.nanos + warmup * 1_000_000L;
        long phase = warmup % intervalMillis == 0 ? intervalMillis : warmup % intervalMillis;
        timer.scheduleAtFixedRate(this::sampleSafely, phase, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** {@link #stop(long[])} of the window this harness saw: from GO + warm-up to the last sample. */
    public CpuSummary stop() throws IOException {
        return stop(null);
    }

    /**
     * Takes a last sample, writes and renames system.csv, and returns the means over {@code window} ({start, end},
     * System.nanoTime() values: the measured window as the load generator saw it, from END), or over GO + warm-up to
     * this last sample when it is null. The means run between the samples nearest the window's edges, whatever this
     * harness's own wall time (a harness stopped by SIGSTOP ends its window late); {@link CpuSummary#gapSeconds} says
     * how long the window went without a sample.
     */
    public CpuSummary stop(long[] window) throws IOException {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (first == null) throw new IllegalStateException("stop() before start()");
        sampleSafely(true);
        try {
            out.close();
        } finally {
            closeRaw();
        }
        if (writeError != null) throw writeError;
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // stopped before the warm-up ended (STOP, a failure): the whole run is all there is to summarise
        if (window != null && window[1] <= window[0]) window = null;
        long start = window != null ? window[0] : windowFromNanos <= prev.nanos ? windowFromNanos : first.nanos;
        long end = window != null ? window[1] : prev.nanos;
        return SampledWindow.summarise(taken, start, end, machine.cores, machine.userHz, loadMaxRss, tracerMaxRss, rows);
    }

    /**
     * The user CPU of processes that are neither the load, the tracer nor this harness between two samples, in cores:
     * the machine's user time ({@link MachineCpu}) less theirs. User time only, because the kernel's own threads work
     * for the load (writeback, the journal) in system time; so this is a lower bound of what other processes took.
     * The machine's user time is its exact busy time split by clock ticks, so the split's sampling error remains.
     */
    static double otherUserCores(Snapshot a, Snapshot b, MachineCpu m, long tracerUserMs) {
        double wallMs = Math.max(1e-3, (b.nanos - a.nanos) / 1e6);
        double known = (b.loadUserNanos - a.loadUserNanos) / 1e6 + tracerUserMs + (b.harnessUserMs - a.harnessUserMs);
        return m.userCores() - known / wallMs;
    }

    /** Abandons sampling without writing system.csv (trial aborted). Idempotent. */
    public void abort() {
        timer.shutdownNow();
        try {
            out.close();
        } catch (IOException ignored) {
            // a failed flush: the file is deleted below anyway
        }
        closeRaw();
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: the trial directory is discarded anyway
        }
    }

    /** Closes the file's descriptor, so a deleted system.csv's space goes back to the file system now. */
    private void closeRaw() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing a descriptor of a file written through out: nothing buffered here
        }
    }

    private void sampleSafely() {
        sampleSafely(false);
    }

    /**
     * One sample and its row. The last sample (at stop) can come within a few clock ticks of a periodic one: /proc/stat
     * has then moved by none or one tick, so that row would show a CPU split of all zeros or a core busy in a few ms.
     * Within half an interval of the previous sample it gets no row; it still counts for the summary.
     */
    private synchronized void sampleSafely(boolean last) {
        try {
            Snapshot s = snapshot();
            if (!last || sum(delta(s.ticks, prev.ticks)) > 0 && s.nanos - prev.nanos >= intervalMillis * 500_000L) {
                writeRow(prev, s);
            }
            prev = s;
            taken.add(s);
        } catch (IOException e) {
            writeError = e;
        } catch (RuntimeException e) {
            // a process vanished mid-read: skip this sample
        }
    }

    private Snapshot snapshot() {
        Snapshot s = new Snapshot();
        s.nanos = System.nanoTime();
        s.ticks = CpuStat.getSystemCpuLoadTicks();
        s.ctxSwitches = CpuStat.getContextSwitches();
        Map<String, Map<DiskStats.IoStat, Long>> disks = DiskStats.getDiskStats();
        for (String d : machine.diskNames) {
            Map<DiskStats.IoStat, Long> io = disks.get(d);
            if (io == null) continue;
            s.diskRead += io.getOrDefault(DiskStats.IoStat.READS_SECTOR, 0L) * SECTOR_BYTES;
            s.diskWrite += io.getOrDefault(DiskStats.IoStat.WRITES_SECTOR, 0L) * SECTOR_BYTES;
        }
        long[] load = proc(loadPid);
        CpuTime cg = loadCpu.get();
        s.loadCpuNanos = cg.usageNanos() >= 0 ? cg.usageNanos() : load == null ? 0 : load[0] * 1_000_000L;
        s.loadUserNanos = cg.userNanos() >= 0 ? cg.userNanos() : load == null ? 0 : load[2] * 1_000_000L;
        s.loadRss = load == null ? 0 : load[1];
        loadMaxRss = Math.max(loadMaxRss, s.loadRss);
        for (long pid : tracerPids.get()) {
            long[] p = proc(pid);
            if (p == null) continue;
            tracerLastCpuMs.put(pid, new long[] {p[0], p[2]});
            s.tracerRss += p[1];
        }
        long tracerSum = 0;
        long tracerUserSum = 0;
        for (long[] v : tracerLastCpuMs.values()) {
            tracerSum += v[0];
            tracerUserSum += v[1];
        }
        long[] threads = tracerThreads == null ? new long[2] : tracerThreads.sample(); // the tracer's, inside this JVM
        s.tracerCpuMs = tracerSum + threads[0];
        s.tracerUserMs = tracerUserSum + threads[1];
        tracerMaxRss = Math.max(tracerMaxRss, s.tracerRss);
        if (placement != null) placement.sample();
        s.harnessCpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                - threads[0] * 1_000_000L;
        long[] self = proc(selfPid);
        s.harnessUserMs = (self == null ? 0 : self[2]) - threads[1];
        return s;
    }

    /**
     * {CPU ms (user + system), RSS bytes, user CPU ms} of a process from one read of {@code /proc/<pid>/stat}
     * (OSHI's Linux driver; OSProcess.updateAttributes reads half a dozen files per call), or null when it is gone.
     */
    private long[] proc(long pid) {
        long[] st = cpuTicksAndRssPages(pid);
        return st == null ? null
                : new long[] {st[0] * 1000 / machine.userHz, st[1] * machine.pageBytes, st[2] * 1000 / machine.userHz};
    }

    /**
     * {utime + stime in clock ticks, RSS in pages, utime in clock ticks} of a process from one read of
     * {@code /proc/<pid>/stat} (OSHI), or null when it is gone. Also {@link HostCpu}'s reading of this JVM.
     */
    static long[] cpuTicksAndRssPages(long pid) {
        Triplet<String, Character, Map<ProcessStat.PidStat, Long>> st = ProcessStat.getPidStats((int) pid);
        if (st == null || st.getC() == null || st.getC().isEmpty()) return null;
        Map<ProcessStat.PidStat, Long> m = st.getC();
        long user = m.getOrDefault(ProcessStat.PidStat.UTIME, 0L);
        return new long[] {user + m.getOrDefault(ProcessStat.PidStat.STIME, 0L), m.getOrDefault(ProcessStat.PidStat.RSS, 0L),
            user};
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
        MachineCpu m = MachineCpu.of(dt, wallMs, machine.cores, machine.userHz);
        sb.append(',').append(fmt(otherUserCores(a, b, m, b.tracerUserMs - a.tracerUserMs)));
        sb.append(',').append(fmt(m.busyCores())); // cpuCores.system's busy, not the tick shares' (MachineCpu)
        sb.append('\n');
        out.write(sb.toString());
        rows++;
    }

    static long[] delta(long[] b, long[] a) {
        long[] d = new long[TICKS.length];
        for (int i = 0; i < TICKS.length; i++) {
            int idx = TICKS[i].getIndex();
            d[i] = Math.max(0, b[idx] - a[idx]);
        }
        return d;
    }

    static double sum(long[] v) {
        double s = 0;
        for (long x : v) s += x;
        return s;
    }

    /** {@code %.4f} without String.format, which cost more than the /proc reads on every sampled row. */
    static String fmt(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e14) return String.format(Locale.ROOT, "%.4f", v);
        long units = Math.round(Math.abs(v) * 10_000);
        StringBuilder sb = new StringBuilder(16);
        if (v < 0 && units != 0) sb.append('-');
        sb.append(units / 10_000).append('.');
        String frac = Long.toString(units % 10_000);
        for (int i = frac.length(); i < 4; i++) sb.append('0');
        return sb.append(frac).toString();
    }

    /** Cumulative counters at one instant; CPU in the units their sources count. */
    static final class Snapshot {
        long nanos;
        long[] ticks;
        long ctxSwitches;
        long diskRead;
        long diskWrite;
        long loadCpuNanos;
        long loadUserNanos;
        long loadRss;
        long tracerCpuMs;
        long tracerUserMs;
        long harnessUserMs;
        long tracerRss;
        long harnessCpuNanos;
    }
}
