package org.tracebench.harness.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.pairing.PairedPlan;

/**
 * A results directory as read: its suite name, manifest (empty when absent or unreadable) and trials in directory
 * order; {@code manifestProblem} says why manifest.json could not be read (null when it was, or is absent);
 * {@code plan} what the manifest planned ({@link Plan#UNKNOWN} without a readable plan).
 */
public record Results(Path dir, String suite, Map<String, Object> manifest, List<Trial> trials, String manifestProblem,
                      Plan plan) {

    /** The bundled tracers in display order; others follow alphabetically. */
    private static final List<String> KNOWN = List.of("none", "strace", "fatrace", "ftrace", "bpftrace");

    /**
     * Tracer names in a fixed display order that does not depend on the (randomized) trial order: {@code none},
     * the bundled tracers, then the rest alphabetically. The A/A check's trials ({@link PairedPlan#AA_LABEL}) are
     * baseline runs, not a tracer: the A/A check of the paired analysis is their only verdict.
     */
    public List<String> tracers() {
        TreeSet<String> s = new TreeSet<>(Comparator.comparingInt((String t) -> KNOWN.contains(t) ? KNOWN.indexOf(t)
                : KNOWN.size()).thenComparing(Comparator.naturalOrder()));
        trials.stream().filter(t -> !isAaCheck(t)).forEach(t -> s.add(t.tracer()));
        return new ArrayList<>(s);
    }

    /** True for a trial of the A/A check (baseline against baseline, {@code none[A/A]}). */
    public static boolean isAaCheck(Trial t) {
        return PairedPlan.AA_LABEL.equals(t.tracer());
    }

    /**
     * Workload names, alphabetically but a rate sweep's levels by rate ({@code mix@250/s} before {@code mix@1000/s}),
     * independent of the randomized trial order.
     */
    public List<String> workloads() {
        TreeSet<String> s = new TreeSet<>(CompareNotes.WORKLOAD_ORDER);
        trials.forEach(t -> s.add(t.workload()));
        return new ArrayList<>(s);
    }

    /** The planned trials with no directory under trials/ (Ctrl-C discards the trial in progress); empty without a plan. */
    public List<Plan.Entry> notRun() {
        return plan.notRun(trials);
    }

    /** Valid trials only. */
    public List<Trial> okTrials() {
        return trials.stream().filter(Trial::ok).toList();
    }
}
