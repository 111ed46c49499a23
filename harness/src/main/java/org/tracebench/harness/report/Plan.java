package org.tracebench.harness.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.fidelity.SweepGate;
import org.tracebench.harness.suite.TrialSpec;

/**
 * The trials manifest.json's plan meant a results directory to hold, so that a run cut short (Ctrl-C deletes the
 * trial in progress, leaving no trace of it) can be told from a complete one. A level of an automatic rate sweep that
 * {@link SweepGate} skips (above the level where the baseline saturated) is skipped by design, not "not run"; it is
 * decided from the trial files as {@code run --resume} decides it. {@link #UNKNOWN} for results written before
 * tracebench recorded the plan, or whose plan has an entry it cannot read: nothing is then said about what is missing.
 */
public record Plan(boolean known, List<Entry> planned) {

    /** No plan to compare with. */
    public static final Plan UNKNOWN = new Plan(false, List.of());

    /** One planned trial: its directory under trials/ and its configuration as trial.json names it. */
    public record Entry(String dir, Analysis.Config config) {}

    /** The plan of the results directory {@code dir} whose manifest.json holds {@code manifest}. */
    @SuppressWarnings("unchecked")
    static Plan read(Path dir, Map<String, Object> manifest) {
        if (!(manifest.get("plan") instanceof List<?> list) || list.isEmpty()) return UNKNOWN;
        List<TrialSpec> specs = new ArrayList<>();
        try {
            for (Object o : list) specs.add(TrialSpec.fromMap((Map<String, Object>) o));
        } catch (RuntimeException e) {
            return UNKNOWN; // an entry without its numbers or names (hand-written, or an older tracebench)
        }
        SweepGate gate = SweepGate.of(dir, manifest, specs);
        List<Entry> planned = new ArrayList<>();
        for (TrialSpec t : specs) {
            boolean present = java.nio.file.Files.isDirectory(dir.resolve("trials").resolve(t.dirName()));
            if (!present && gate.skipReason(t) != null) continue;
            planned.add(new Entry(t.dirName(), new Analysis.Config(t.tracer().label(), t.workloadLabel(), t.workers())));
        }
        return new Plan(true, List.copyOf(planned));
    }

    /** The planned trials that have no directory among {@code trials}, in plan order. */
    public List<Entry> notRun(List<Trial> trials) {
        Set<String> present = new HashSet<>();
        trials.forEach(t -> present.add(t.name()));
        return planned.stream().filter(e -> !present.contains(e.dir())).toList();
    }

    /**
     * The planned configurations none of whose planned trials has a directory among {@code trials}, by workload,
     * workers and tracer (the plan's own order is randomized).
     */
    public List<Analysis.Config> withoutTrials(List<Trial> trials) {
        Set<String> present = new HashSet<>();
        trials.forEach(t -> present.add(t.name()));
        Set<Analysis.Config> some = new HashSet<>();
        planned.forEach(e -> { if (present.contains(e.dir())) some.add(e.config()); });
        return perConfig().keySet().stream().filter(c -> !some.contains(c))
                .sorted(java.util.Comparator.comparing(Analysis.Config::workload).thenComparingInt(Analysis.Config::workers)
                        .thenComparing(Analysis.Config::tracer)).toList();
    }

    /** How many trials the plan has of each configuration, in plan order of first appearance. */
    public Map<Analysis.Config, Integer> perConfig() {
        Map<Analysis.Config, Integer> m = new LinkedHashMap<>();
        planned.forEach(e -> m.merge(e.config(), 1, Integer::sum));
        return m;
    }
}
