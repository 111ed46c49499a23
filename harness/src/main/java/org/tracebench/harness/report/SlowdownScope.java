package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What the per-op slowdowns ({@link OpSlowdowns#all}) were measured on, for the captions that show them: their
 * workloads and worker counts, the run's worker counts none of them comes from ({@code leftOut}: a kind's slowdown
 * is taken at one worker count, so a workers matrix's others are not shown), and the workloads that also do only a
 * shown kind under that tracer but are not shown ({@code leftOutWorkloads}: a kind's slowdown is taken from one
 * workload, the first by name).
 */
public record SlowdownScope(List<String> workloads, List<Integer> workers, List<Integer> leftOut,
                            List<String> leftOutWorkloads) {

    public static SlowdownScope of(Analysis a, List<OpSlowdowns.Slowdown> slowdowns) {
        List<String> workloads = slowdowns.stream().map(OpSlowdowns.Slowdown::workload).distinct().toList();
        List<Integer> workers = slowdowns.stream().map(OpSlowdowns.Slowdown::workers).distinct().sorted().toList();
        List<Integer> leftOut = a.configs().stream().map(s -> s.config().workers()).filter(n -> !workers.contains(n))
                .distinct().sorted().toList();
        List<String> others = new ArrayList<>(); // single-kind workloads a shown single-kind slowdown was preferred to
        for (OpSlowdowns.Slowdown d : slowdowns) {
            if (!d.alone()) continue;
            for (Analysis.ConfigStats s : a.configs()) {
                String w = s.config().workload();
                if (s.config().tracer().equals(d.tracer()) && s.ops().size() == 1 && s.ops().contains(d.op())
                        && !w.equals(d.workload()) && !workloads.contains(w) && !others.contains(w)
                        && a.find("none", w, s.config().workers()) != null) others.add(w);
            }
        }
        return new SlowdownScope(workloads, workers, leftOut, others.stream().sorted().toList());
    }

    /** Whether the slowdowns come from more than one workload or worker count: each then says its own. */
    public boolean varies() {
        return workloads.size() > 1 || workers.size() > 1;
    }

    /** "small-read", "2 workers" or "small-read, 2 workers": where {@code d} was measured, the dimensions that vary. */
    public String of(OpSlowdowns.Slowdown d) {
        String n = workers(List.of(d.workers()));
        return workloads.size() > 1 && workers.size() > 1 ? d.workload() + ", " + n : workloads.size() > 1 ? d.workload() : n;
    }

    /** What every slowdown shares, e.g. {@code ["workload small-read", "1 worker"]}: the dimensions that do not vary. */
    public List<String> constants() {
        List<String> parts = new ArrayList<>();
        if (workloads.size() == 1) parts.add("workload " + workloads.get(0));
        if (workers.size() == 1) parts.add(workers(workers));
        return parts;
    }

    /** "1 worker" when every slowdown comes from that worker count, else null. */
    public String oneWorkerCount() {
        return workers.size() == 1 ? workers(workers) : null;
    }

    /**
     * "runs with 2 workers are not shown (each kind is measured at one worker count)", "workloads b and c, which
     * also do only one of these kinds, are not shown (each kind is measured on one workload, the first by name)",
     * both joined by "; ", or "" with nothing left out.
     */
    public String leftOutNote() {
        List<String> notes = new ArrayList<>();
        if (!leftOut.isEmpty()) notes.add("runs with " + workers(leftOut) + " are not shown (each kind is measured at one"
                + " worker count)");
        if (!leftOutWorkloads.isEmpty()) notes.add((leftOutWorkloads.size() == 1 ? "workload " : "workloads ")
                + joined(leftOutWorkloads) + ", which also " + (leftOutWorkloads.size() == 1 ? "does" : "do")
                + " only one of these kinds, " + (leftOutWorkloads.size() == 1 ? "is" : "are") + " not shown (each"
                + " kind is measured on one workload, the first by name)");
        return String.join("; ", notes);
    }

    /** "1 worker", "2 workers", "2 or 4 workers". */
    static String workers(List<Integer> ns) {
        String joined = joined(ns.stream().map(String::valueOf).toList()).replace(" and ", " or ");
        return joined + (ns.size() == 1 && ns.get(0) == 1 ? " worker" : " workers");
    }

    /** "a", "a and b", "a, b and c". */
    private static String joined(List<String> s) {
        return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }
}
