package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param pinning          where the load generator and the tracer run ({@link Pinning#NONE}: the scheduler decides)
 * @param allowPaths       further directories (absolute, normalized) where tasks may write, delete, rename, chmod or
 *                         link, as the load generator's {@code --allow-path}: for task files whose paths are absolute
 * @param where            {@code file:line:column} of entries in the suite file, for messages found after parsing
 *                         (keys from {@link #taskKey}, {@link #optionKey}, {@link #allowPathKey}); empty when not parsed
 */
public record Suite(Path source, String name, List<TaskRef> tasks, List<TracerSpec> tracers, boolean allTracers,
                    List<Integer> workers, Duration duration, Duration warmup, int repetitions, Order order,
                    Duration cooldown, Duration samplingInterval, OptionalLong seed,
                    org.tracebench.harness.fidelity.SweepSpec sweep, Pinning pinning, List<Path> allowPaths,
                    Map<String, String> where) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SAMPLING = Duration.ofMillis(500);

    /** A suite without a rate sweep (the form before issue 7). */
    public Suite(Path source, String name, List<TaskRef> tasks, List<TracerSpec> tracers, boolean allTracers,
                 List<Integer> workers, Duration duration, Duration warmup, int repetitions, Order order,
                 Duration cooldown, Duration samplingInterval, OptionalLong seed) {
        this(source, name, tasks, tracers, allTracers, workers, duration, warmup, repetitions, order, cooldown,
                samplingInterval, seed, null, Pinning.NONE, List.of(), Map.of());
    }

    /** The {@link #where} key of a workload. */
    public static String taskKey(String workload) { return "task\0" + workload; }

    /** The {@link #where} key of an option of the tracer configuration labelled {@code label} ({@link TracerSpec#label}). */
    public static String optionKey(String label, String option) { return "option\0" + label + "\0" + option; }

    /** The {@link #where} key of an {@code allowPaths} entry (absolute, normalized). */
    public static String allowPathKey(Path p) { return "allow\0" + p; }

    /** Where {@code key} stands in the suite file, or the suite file itself. */
    public String at(String key) { return where.getOrDefault(key, String.valueOf(source)); }

    public Suite {
        if (pinning == null) pinning = Pinning.NONE;
        allowPaths = allowPaths == null ? List.of() : List.copyOf(allowPaths);
        tasks = List.copyOf(tasks);
        tracers = List.copyOf(tracers);
        workers = List.copyOf(workers);
        where = where == null ? Map.of() : Map.copyOf(where);
    }

    /**
     * Trial order: {@code paired} (the default, issue 7) runs every tracer configuration in ABBA blocks with the
     * baseline so drift cancels within pairs (see {@link org.tracebench.harness.pairing.PairedPlan}); randomized
     * within each repetition block (seeded), or every configuration in suite order.
     */
    public enum Order {
        PAIRED("paired"), RANDOMIZED("randomized"), ROUND_ROBIN("round-robin");

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
     * @param inlineSource the inline task as it stands in the suite file, preceded by blank lines and spaces so that
     *                     each line and column are the suite file's (for messages); null when unknown
     */
    public record TaskRef(Path file, String inlineYaml, String name, String inlineSource) {
        public TaskRef(Path file, String inlineYaml, String name) { this(file, inlineYaml, name, null); }

        public boolean inline() { return inlineYaml != null; }
    }

    /**
     * A tracer by registry name with backend options (string keys and values, e.g. {@code bufferSizeKb: 8192}).
     * {@code variant} is empty for a plain entry; an entry with an option {@code matrix} expands into one spec per
     * combination, each with a variant such as {@code mode=counts perfRbPages=8} (issue 7).
     */
    public record TracerSpec(String name, Map<String, String> options, String variant) {
        public TracerSpec {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            variant = variant == null ? "" : variant;
        }

        public TracerSpec(String name, Map<String, String> options) { this(name, options, ""); }

        public static TracerSpec of(String name) { return new TracerSpec(name, Map.of()); }

        /** What reports call this configuration: the name, or {@code name[variant]}. */
        public String label() { return variant.isEmpty() ? name : name + "[" + variant + "]"; }

        /** The backend of a {@link #label}: {@code ftrace} for {@code ftrace[bufferSizeKb=256]}; null stays null. */
        public static String backendOf(String label) {
            if (label == null) return null;
            int bracket = label.indexOf('[');
            return bracket > 0 ? label.substring(0, bracket) : label;
        }
    }

    /** A copy with command-line overrides applied; null/empty keeps the suite's value. */
    public Suite withOverrides(List<TracerSpec> tracersOverride, Integer repetitionsOverride, Duration durationOverride,
                               Duration warmupOverride) {
        return new Suite(source, name, tasks,
                tracersOverride == null ? tracers : tracersOverride,
                tracersOverride == null && allTracers,
                workers, durationOverride == null ? duration : durationOverride, warmupOverride == null ? warmup : warmupOverride,
                repetitionsOverride == null ? repetitions : repetitionsOverride, order, cooldown, samplingInterval, seed,
                sweep, pinning, allowPaths, where);
    }

    /** A copy that also allows {@code more} (run's {@code --allow-path}), absolute and normalized. */
    public Suite withMoreAllowPaths(List<Path> more) {
        if (more == null || more.isEmpty()) return this;
        List<Path> all = new java.util.ArrayList<>(allowPaths);
        for (Path p : more) {
            Path n = p.toAbsolutePath().normalize();
            if (!all.contains(n)) all.add(n);
        }
        return new Suite(source, name, tasks, tracers, allTracers, workers, duration, warmup, repetitions, order,
                cooldown, samplingInterval, seed, sweep, pinning, all, where);
    }
}
