package org.tracebench.harness.sampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.tracebench.harness.trial.CpuAffinity;

/**
 * How often the tracer ran on the CPU of a load-generator worker: at each sample, the CPU each last ran on (field
 * 39 of {@code /proc/PID/stat}) of the tracer's processes, of its threads in this JVM (ftrace's {@code reader: java},
 * {@code /proc/self/task/TID/stat}) and of the load generator's worker threads (named {@code tracebench-worker-N},
 * found on the first sample that sees them). A ptrace tracer's cost depends on it (docs/suites.md "Pinning"); an
 * unpinned suite's trials can then be told apart, but only while some CPU the tracer may use can be free of workers:
 * with at least as many workers as the CPUs they may use, and the tracer allowed only those, a worker has nearly
 * always last run on each of them and the share is left out ({@link #toJson}). Called from the sampler's thread
 * only; {@link #toJson} after the last sample.
 */
public final class Placement {
    /** The first 15 bytes of the worker threads' names, as /proc/PID/task/TID/comm shows them. */
    static final String WORKER_COMM = "tracebench-work";

    private final Supplier<List<Long>> loadPids;
    private final Supplier<List<Long>> tracerPids;
    private final Supplier<List<Long>> tracerThreads;
    private final int workers;
    private List<Path> workerStats = List.of();
    private final TreeSet<Integer> workerCpusAllowed = new TreeSet<>();
    private final TreeSet<Integer> tracerCpusAllowed = new TreeSet<>();
    private final java.util.Set<Path> tracerSeen = new java.util.HashSet<>();
    private int samples;
    private int shared;

    /**
     * {@code tracerPids} and {@code tracerThreads} (ids of threads of this JVM) are asked at every sample (tracers may
     * fork); {@code workers} is how many the load runs (0: as many as found).
     */
    public Placement(long loadPid, int workers, Supplier<List<Long>> tracerPids, Supplier<List<Long>> tracerThreads) {
        this(() -> List.of(loadPid), workers, tracerPids, tracerThreads);
    }

    /** Without tracer threads in this JVM, and as many workers as found. */
    public Placement(long loadPid, Supplier<List<Long>> tracerPids) {
        this(() -> List.of(loadPid), 0, tracerPids, List::of);
    }

    /** Workers looked for in every process {@code loadPids} gives (micro: its cgroup, where the JMH forks run). */
    public Placement(Supplier<List<Long>> loadPids, int workers, Supplier<List<Long>> tracerPids,
                     Supplier<List<Long>> tracerThreads) {
        this.loadPids = loadPids;
        this.workers = workers;
        this.tracerPids = tracerPids;
        this.tracerThreads = tracerThreads;
    }

    /** One observation; a sample where either side is not found (yet, or any more) is not counted. */
    public void sample() {
        if (workerStats.isEmpty()) workerStats = findWorkers();
        List<Integer> workerCpus = new ArrayList<>();
        for (Path stat : workerStats) {
            int cpu = lastCpu(stat);
            if (cpu >= 0) workerCpus.add(cpu);
        }
        if (workerCpus.isEmpty()) {
            workerStats = List.of(); // workers gone or replaced: look again next time
            return;
        }
        boolean any = false;
        boolean together = false;
        List<Path> tracer = new ArrayList<>();
        for (long pid : tracerPids.get()) tracer.add(Path.of("/proc", Long.toString(pid)));
        for (long tid : tracerThreads.get()) tracer.add(Path.of("/proc/self/task", Long.toString(tid)));
        for (Path t : tracer) {
            int cpu = lastCpu(t.resolve("stat"));
            if (cpu < 0) continue;
            any = true;
            together |= workerCpus.contains(cpu);
            if (tracerSeen.add(t)) tracerCpusAllowed.addAll(allowedCpus(t)); // pinned before the first sample
        }
        if (!any) return;
        samples++;
        if (together) shared++;
    }

    /**
     * {@code samples}, {@code tracerOnWorkerCpu} (samples where a tracer process last ran on a worker's CPU), their
     * {@code share}, {@code workers} and {@code workerCpus} (how many CPUs they may use); null without samples. The
     * share is null when it cannot tell placements apart: at least as many workers as CPUs they may use and the
     * tracer allowed none but those.
     */
    public Map<String, Object> toJson() {
        if (samples == 0) return null;
        int n = Math.max(workers, workerStats.size());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("tracerOnWorkerCpu", shared);
        m.put("share", saturated(n) ? null : Math.round(1000.0 * shared / samples) / 1000.0);
        m.put("workers", n);
        m.put("workerCpus", workerCpusAllowed.size());
        return m;
    }

    private boolean saturated(int n) {
        return !workerCpusAllowed.isEmpty() && n >= workerCpusAllowed.size()
                && workerCpusAllowed.containsAll(tracerCpusAllowed);
    }

    /** Cpus_allowed_list of {@code /proc/.../status} under {@code task}, empty when it cannot be read. */
    private static List<Integer> allowedCpus(Path task) {
        try {
            for (String l : Files.readAllLines(task.resolve("status"), StandardCharsets.UTF_8)) {
                if (l.startsWith("Cpus_allowed_list:")) return CpuAffinity.parseList(l.substring(18));
            }
        } catch (IOException | RuntimeException gone) {
            // ended meanwhile
        }
        return List.of();
    }

    private List<Path> findWorkers() {
        List<Path> out = new ArrayList<>();
        for (long pid : loadPids.get()) out.addAll(findWorkers(pid));
        return out;
    }

    private List<Path> findWorkers(long loadPid) {
        Path tasks = Path.of("/proc", Long.toString(loadPid), "task");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) s::iterator) {
                try {
                    if (Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).strip().equals(WORKER_COMM)) {
                        out.add(t.resolve("stat"));
                        workerCpusAllowed.addAll(allowedCpus(t));
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            return List.of();
        }
        return out;
    }

    /** Field 39 (processor) of a stat file, or -1 when it cannot be read. */
    static int lastCpu(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            int i = s.lastIndexOf(')'); // comm may hold spaces and parentheses
            if (i < 0) return -1;
            String[] f = s.substring(i + 2).split(" ");
            return f.length > 36 ? Integer.parseInt(f[36]) : -1; // f[0] is field 3 (state)
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
