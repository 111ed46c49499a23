package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed suite file: which workloads, under which tracers, with how many workers, for how long and how often.
 *
 * @param source           the suite file (tasks are resolved relative to its directory)
 * @param tracers          tracers in suite order; {@code none} (the baseline) is always among them
 * @param allTracers       the suite said {@code tracers: all}: every registered backend, unavailable ones skipped
 * @param workers          one entry per matrix value
 * @param samplingInterval OSHI sampling period
 * @param seed             the order's random seed; empty = choose one at run time (and record it)
 */
public record Suite(Path source, String name, List<TaskRef> tasks, List<TracerSpec> tracers, boolean allTracers,
                    List<Integer> workers, Duration duration, Duration warmup, int repetitions, Order order,
                    Duration cooldown, Duration samplingInterval, OptionalLong seed) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SAMPLING = Duration.ofMillis(500);

    public Suite {
        tasks = List.copyOf(tasks);
        tracers = List.copyOf(tracers);
        workers = List.copyOf(workers);
    }

    /** Trial order: randomized within each repetition block (seeded), or every configuration in suite order. */
    public enum Order {
        RANDOMIZED("randomized"), ROUND_ROBIN("round-robin");

        private final String yamlName;

        Order(String yamlName) { this.yamlName = yamlName; }

        public String yamlName() { return yamlName; }
    }

    /**
     * One workload: a task file on disk, or an inline task (its YAML text, written to the results directory before
     * the run so the load generator reads a real file).
     *
     * @param file       absolute task file path; for inline tasks, where it will be written
     * @param inlineYaml the inline task's YAML text, or null for a task file
     */
    public record TaskRef(Path file, String inlineYaml, String name) {
        public boolean inline() { return inlineYaml != null; }
    }

    /** A tracer by registry name with backend options (string keys and values, e.g. {@code bufferKb: 8192}). */
    public record TracerSpec(String name, Map<String, String> options) {
        public TracerSpec {
            options = Map.copyOf(options);
        }

        public static TracerSpec of(String name) { return new TracerSpec(name, Map.of()); }
    }

    /** A copy with command-line overrides applied; null/empty keeps the suite's value. */
    public Suite withOverrides(List<TracerSpec> tracersOverride, Integer repetitionsOverride, Duration durationOverride) {
        return new Suite(source, name, tasks,
                tracersOverride == null ? tracers : tracersOverride,
                tracersOverride == null && allTracers,
                workers, durationOverride == null ? duration : durationOverride, warmup,
                repetitionsOverride == null ? repetitions : repetitionsOverride, order, cooldown, samplingInterval, seed);
    }
}
