package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the per-op slowdowns ({@link OpSlowdowns#all}, {@code shown}) were measured on, for the captions that show
 * them: their workloads and worker counts; the run's worker counts none of them comes from ({@code leftOut}: a kind's
 * slowdown is taken at one worker count, so a workers matrix's others are not shown); and the slowdowns of a shown
 * tracer and kind on the other workloads that also perform it, at a shown worker count ({@code otherWorkloads}: a
 * kind's slowdown is taken from one workload, the one doing the fewest kinds, the first by name among those).
 */
public record SlowdownScope(List<OpSlowdowns.Slowdown> shown, List<String> workloads, List<Integer> workers,
                            List<Integer> leftOut, List<OpSlowdowns.Slowdown> otherWorkloads) {

    public static SlowdownScope of(Analysis a, List<OpSlowdowns.Slowdown> slowdowns) {
        List<String> workloads = slowdowns.stream().map(OpSlowdowns.Slowdown::workload).distinct().toList();
        List<Integer> workers = slowdowns.stream().map(OpSlowdowns.Slowdown::workers).distinct().sorted().toList();
        List<Integer> leftOut = a.configs().stream().map(s -> s.config().workers()).filter(n -> !workers.contains(n))
                .distinct().sorted().toList();
        Map<String, Map<String, OpSlowdowns.Slowdown>> shown = OpSlowdowns.byTracer(slowdowns);
        List<OpSlowdowns.Slowdown> others = OpSlowdowns.notShown(a, slowdowns).stream() // other counts: in leftOut
                .filter(d -> workers.contains(d.workers()) && shown.containsKey(d.tracer())
                        && shown.get(d.tracer()).containsKey(d.op())
                        && !shown.get(d.tracer()).get(d.op()).workload().equals(d.workload())).toList();
        return new SlowdownScope(slowdowns, workloads, workers, leftOut, others);
    }

    /** The workloads of {@link #otherWorkloads}, by name: each also performs a shown kind, not shown from it. */
    public List<String> leftOutWorkloads() {
        return otherWorkloads.stream().map(OpSlowdowns.Slowdown::workload).distinct().sorted().toList();
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
     * "runs with 2 workers are not shown (each kind is measured at one worker count)", "the slowdowns of stat on
     * workloads b and c and of fork on workload d for strace are not shown (each kind is measured on one workload:
     * ...)", both joined by "; ", or "" with nothing left out. A workload is named "for" some tracers where another
     * tracer's slowdown of that kind is shown from it.
     */
    public String leftOutNote() {
        List<String> notes = new ArrayList<>();
        if (!leftOut.isEmpty()) notes.add("runs with " + workers(leftOut) + " are not shown (each kind is measured at one"
                + " worker count)");
        if (!otherWorkloads.isEmpty()) notes.add(otherWorkloadsNote());
        return String.join("; ", notes);
    }

    private String otherWorkloadsNote() {
        // op (the table's order) → "" or, where another tracer's is shown from the workload, " for" those left out → workloads
        Map<String, Map<String, Set<String>>> byOp = new LinkedHashMap<>();
        for (String op : OpSlowdowns.ops(shown)) {
            for (String w : otherWorkloads.stream().filter(d -> d.op().equals(op)).map(OpSlowdowns.Slowdown::workload)
                    .distinct().sorted().toList()) {
                List<String> tracers = otherWorkloads.stream().filter(d -> d.op().equals(op) && d.workload().equals(w))
                        .map(OpSlowdowns.Slowdown::tracer).distinct().toList();
                boolean shownFromIt = shown.stream().anyMatch(d -> d.op().equals(op) && d.workload().equals(w));
                byOp.computeIfAbsent(op, k -> new TreeMap<>())
                        .computeIfAbsent(shownFromIt ? " for " + joined(tracers) : "", k -> new TreeSet<>()).add(w);
            }
        }
        List<String> items = new ArrayList<>();
        int pairs = 0;
        for (Map.Entry<String, Map<String, Set<String>>> op : byOp.entrySet()) {
            for (Map.Entry<String, Set<String>> ws : op.getValue().entrySet()) {
                items.add("of " + op.getKey() + " on " + (ws.getValue().size() == 1 ? "workload " : "workloads ")
                        + joined(new ArrayList<>(ws.getValue())) + ws.getKey());
                pairs += ws.getValue().size();
            }
        }
        boolean one = pairs == 1;
        return (one ? "the slowdown " : "the slowdowns ") + joined(items) + (one ? " is" : " are") + " not shown (each"
                + " kind is measured on one workload: the one doing the fewest kinds, the first by name among those)";
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
