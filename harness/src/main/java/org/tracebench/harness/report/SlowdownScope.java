package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What the per-op slowdowns ({@link OpSlowdowns#all}) were measured on, for the captions that show them: their
 * workloads and worker counts, and the run's worker counts none of them comes from ({@code leftOut}: a kind's slowdown
 * is taken at one worker count, so a workers matrix's others are not shown).
 */
public record SlowdownScope(List<String> workloads, List<Integer> workers, List<Integer> leftOut) {

    public static SlowdownScope of(Analysis a, List<OpSlowdowns.Slowdown> slowdowns) {
        List<String> workloads = slowdowns.stream().map(OpSlowdowns.Slowdown::workload).distinct().toList();
        List<Integer> workers = slowdowns.stream().map(OpSlowdowns.Slowdown::workers).distinct().sorted().toList();
        List<Integer> leftOut = a.configs().stream().map(s -> s.config().workers()).filter(n -> !workers.contains(n))
                .distinct().sorted().toList();
        return new SlowdownScope(workloads, workers, leftOut);
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

    /** "runs with 2 workers are not shown (each kind is measured at one worker count)", or "" with none left out. */
    public String leftOutNote() {
        return leftOut.isEmpty() ? "" : "runs with " + workers(leftOut) + " are not shown (each kind is measured at one"
                + " worker count)";
    }

    /** "1 worker", "2 workers", "2 or 4 workers". */
    static String workers(List<Integer> ns) {
        List<String> s = ns.stream().map(String::valueOf).toList();
        String joined = s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " or " + s.get(s.size() - 1);
        return joined + (ns.size() == 1 && ns.get(0) == 1 ? " worker" : " workers");
    }
}
