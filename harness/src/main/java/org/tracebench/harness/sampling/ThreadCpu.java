package org.tracebench.harness.sampling;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of each of this JVM's threads from {@code /proc/self/task/TID/schedstat} (nanoseconds on CPU), so a
 * trial can say which harness threads (JIT compilers, GC, sampler, a tracer's helper) used the harness's CPU
 * inside its window. Read before and after the window, never inside it.
 */
public final class ThreadCpu {
    private final Map<Long, String> names;
    private final Map<Long, Long> nanos;

    private ThreadCpu(Map<Long, String> names, Map<Long, Long> nanos) {
        this.names = names;
        this.nanos = nanos;
    }

    /** Every live thread's name and CPU so far; empty where /proc/self/task is unreadable. */
    public static ThreadCpu snapshot() {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> nanos = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    long tid = Long.parseLong(t.getFileName().toString());
                    String stat = Files.readString(t.resolve("schedstat")).trim();
                    nanos.put(tid, Long.parseLong(stat.substring(0, stat.indexOf(' '))));
                    names.put(tid, Files.readString(t.resolve("comm")).trim());
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to attribute
        }
        return new ThreadCpu(names, nanos);
    }

    /**
     * Milliseconds of CPU per thread name (threads of one name summed, e.g. both C2 compiler threads) from
     * {@code before} to this snapshot, largest first, names under {@code minMillis} left out.
     */
    public Map<String, Double> millisSince(ThreadCpu before, double minMillis) {
        Map<String, Double> byName = new HashMap<>();
        for (Map.Entry<Long, Long> e : nanos.entrySet()) {
            long d = e.getValue() - before.nanos.getOrDefault(e.getKey(), 0L);
            if (d > 0) byName.merge(names.get(e.getKey()), d / 1e6, Double::sum);
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sorted) {
            if (e.getValue() >= minMillis) out.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0);
        }
        return out;
    }
}
