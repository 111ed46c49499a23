package org.tracebench.harness.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tracebench.harness.bpfstats.BpfPrograms;
import org.tracebench.harness.bpfstats.BpfStatsSwitch;
import org.tracebench.harness.bpfstats.BpfUsage;

/**
 * What issue 7's three-way overhead split needs beyond the sampler, read at the edges of a trial's measured window:
 * the load generator's user and system CPU (its cgroup's {@code cpu.stat}, else its {@code /proc/PID/stat}), the
 * tracer processes' user and system CPU and context switches (every thread's {@code status}), and, when the tracer
 * holds BPF programs, their run time with {@code kernel.bpf_stats_enabled} switched on for the trial.
 * Call order: {@link #open} after the tracer is ready, {@link #begin} just before GO, {@link #end} right after the
 * load generator is done, {@link #close} always (restores the sysctl). One thread.
 */
public final class WindowProbe implements AutoCloseable {
    private static final long USER_HZ = Math.max(1, oshi.software.os.linux.LinuxOperatingSystem.getHz());

    private final Path cgroupDir;
    private final long loadPid;
    private final Supplier<List<Long>> tracerPids;
    private final String bpftool;
    private BpfStatsSwitch bpfSwitch;
    private String bpfError;
    private long t0;
    private long t1;
    private long[] load0;
    private long[] load1;
    private final Map<Long, long[]> tracer0 = new HashMap<>();
    private final Map<Long, long[]> tracer1 = new HashMap<>();
    private Map<Long, BpfPrograms.Program> bpf0;
    private BpfUsage bpf;

    private WindowProbe(Path cgroupDir, long loadPid, Supplier<List<Long>> tracerPids) {
        this.cgroupDir = cgroupDir;
        this.loadPid = loadPid;
        this.tracerPids = tracerPids;
        this.bpftool = BpfPrograms.findBpftool();
    }

    /**
     * Starts probing; when a tracer process holds BPF programs, enables BPF statistics (restored by close).
     *
     * @param cgroupDir the load generator's cgroup v2 directory, or null
     */
    public static WindowProbe open(Path cgroupDir, long loadPid, Supplier<List<Long>> tracerPids) {
        WindowProbe p = new WindowProbe(cgroupDir, loadPid, tracerPids);
        if (!BpfPrograms.of(tracerPids.get(), null).isEmpty()) {
            try {
                p.bpfSwitch = BpfStatsSwitch.enable();
            } catch (IOException | RuntimeException e) {
                p.bpfError = "BPF statistics could not be enabled through " + BpfStatsSwitch.SYSCTL + ": " + e.getMessage();
            }
        }
        return p;
    }

    /** Snapshot at the window's start. */
    public void begin() {
        t0 = System.nanoTime();
        load0 = loadCpuMicros();
        for (long pid : tracerPids.get()) tracer0.put(pid, proc(pid));
        if (bpfSwitch != null) {
            bpf0 = BpfPrograms.ofFdinfo(tracerPids.get()); // bpftool and its JSON only at end(), after the window
            if (bpf0 == null) bpf0 = BpfPrograms.of(tracerPids.get(), bpftool);
        }
    }

    /** Snapshot at the window's end. */
    public void end() {
        t1 = System.nanoTime();
        load1 = loadCpuMicros();
        for (long pid : tracerPids.get()) tracer1.put(pid, proc(pid));
        if (bpfSwitch != null && bpf0 != null) {
            bpf = BpfUsage.between(bpf0, BpfPrograms.of(tracerPids.get(), bpftool), (t1 - t0) / 1e9);
        }
    }

    /** The BPF usage over the window, or null (not a BPF tracer, or statistics unavailable). */
    public BpfUsage bpfUsage() { return bpf; }

    /** The {@code window} object of trial.json; empty before {@link #end}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (load1 == null || load0 == null) return m;
        double secs = Math.max(1e-9, (t1 - t0) / 1e9);
        m.put("windowSeconds", round(secs, 1e3));
        m.put("loadUserCores", load0[0] < 0 || load1[0] < 0 ? null : (Object) round((load1[0] - load0[0]) / 1e6 / secs, 1e5));
        m.put("loadSystemCores", load0[1] < 0 || load1[1] < 0 ? null : (Object) round((load1[1] - load0[1]) / 1e6 / secs, 1e5));
        m.put("loadCpuSource", cgroupDir != null ? "cgroup cpu.stat" : "/proc/PID/stat");
        long user = 0, sys = 0, ctx = 0;
        for (Map.Entry<Long, long[]> e : tracer1.entrySet()) {
            long[] a = tracer0.getOrDefault(e.getKey(), new long[3]);
            long[] b = e.getValue();
            if (b == null) continue;
            if (a == null) a = new long[3];
            user += Math.max(0, b[0] - a[0]);
            sys += Math.max(0, b[1] - a[1]);
            ctx += Math.max(0, b[2] - a[2]);
        }
        m.put("tracerUserCores", round(user / (double) USER_HZ / secs, 1e5));
        m.put("tracerSystemCores", round(sys / (double) USER_HZ / secs, 1e5));
        m.put("tracerContextSwitches", ctx);
        m.put("tracerContextSwitchesPerSecond", round(ctx / secs, 10));
        if (bpf != null) m.put("bpfStats", bpf.toMap());
        if (bpfError != null) m.put("bpfStatsError", bpfError);
        return m;
    }

    /** Restores the BPF statistics setting. Idempotent; never throws. */
    @Override
    public void close() {
        if (bpfSwitch == null) return;
        try {
            bpfSwitch.close();
        } catch (IOException e) {
            bpfError = "The previous value of " + BpfStatsSwitch.SYSCTL + " could not be restored: " + e.getMessage();
        }
        bpfSwitch = null;
    }

    /** {user µs, system µs} of the load generator; -1 when unreadable. */
    private long[] loadCpuMicros() {
        if (cgroupDir != null) {
            try {
                Map<String, String> st = keyValues(Files.readString(cgroupDir.resolve("cpu.stat"), StandardCharsets.US_ASCII), ' ');
                return new long[] {Long.parseLong(st.get("user_usec")), Long.parseLong(st.get("system_usec"))};
            } catch (IOException | RuntimeException e) {
                // fall through to the process's own counters
            }
        }
        long[] p = proc(loadPid);
        return p == null ? new long[] {-1, -1} : new long[] {p[0] * 1_000_000 / USER_HZ, p[1] * 1_000_000 / USER_HZ};
    }

    /** {utime ticks, stime ticks, context switches of every thread} of a process, or null when it is gone. */
    static long[] proc(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            long ctx = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
                for (Path t : tasks) {
                    try {
                        Map<String, String> s = keyValues(Files.readString(t.resolve("status"), StandardCharsets.US_ASCII), ':');
                        ctx += Long.parseLong(s.getOrDefault("voluntary_ctxt_switches", "0"))
                                + Long.parseLong(s.getOrDefault("nonvoluntary_ctxt_switches", "0"));
                    } catch (IOException | NumberFormatException e) {
                        // the thread exited meanwhile
                    }
                }
            }
            return new long[] {utime, stime, ctx};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Map<String, String> keyValues(String text, char sep) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            int i = line.indexOf(sep);
            if (i > 0) m.put(line.substring(0, i).trim(), line.substring(i + 1).trim());
        }
        return m;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
