package org.tracebench.harness.sampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * How often the tracer ran on the CPU of a load-generator worker: at each sample, the CPU each last ran on (field
 * 39 of {@code /proc/PID/stat}) of the tracer's processes and of the load generator's worker threads (named
 * {@code tracebench-worker-N}, found on the first sample that sees them). A ptrace tracer's cost depends on it
 * (docs/suites.md "Pinning"); an unpinned suite's trials can then be told apart. Called from the sampler's thread
 * only; {@link #toJson} after the last sample.
 */
public final class Placement {
    /** The first 15 bytes of the worker threads' names, as /proc/PID/task/TID/comm shows them. */
    static final String WORKER_COMM = "tracebench-work";

    private final Supplier<List<Long>> loadPids;
    private final Supplier<List<Long>> tracerPids;
    private List<Path> workerStats = List.of();
    private int samples;
    private int shared;

    /** {@code tracerPids} is asked at every sample (tracers may fork). */
    public Placement(long loadPid, Supplier<List<Long>> tracerPids) {
        this(() -> List.of(loadPid), tracerPids);
    }

    /** Workers looked for in every process {@code loadPids} gives (micro: its cgroup, where the JMH forks run). */
    public Placement(Supplier<List<Long>> loadPids, Supplier<List<Long>> tracerPids) {
        this.loadPids = loadPids;
        this.tracerPids = tracerPids;
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
        for (long pid : tracerPids.get()) {
            int cpu = lastCpu(Path.of("/proc", Long.toString(pid), "stat"));
            if (cpu < 0) continue;
            any = true;
            together |= workerCpus.contains(cpu);
        }
        if (!any) return;
        samples++;
        if (together) shared++;
    }

    /** {@code samples}, {@code tracerOnWorkerCpu} (samples where a tracer process last ran on a worker's CPU) and their {@code share}; null without samples. */
    public Map<String, Object> toJson() {
        if (samples == 0) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("tracerOnWorkerCpu", shared);
        m.put("share", Math.round(1000.0 * shared / samples) / 1000.0);
        return m;
    }

    private List<Path> findWorkers() {
        List<Path> out = new ArrayList<>();
        for (long pid : loadPids.get()) out.addAll(findWorkers(pid));
        return out;
    }

    private static List<Path> findWorkers(long loadPid) {
        Path tasks = Path.of("/proc", Long.toString(loadPid), "task");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) s::iterator) {
                try {
                    if (Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).strip().equals(WORKER_COMM)) {
                        out.add(t.resolve("stat"));
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
