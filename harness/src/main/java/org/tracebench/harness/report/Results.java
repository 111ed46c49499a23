package org.tracebench.harness.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A results directory as read: its suite name, manifest (empty when absent) and trials in directory order. */
public record Results(Path dir, String suite, Map<String, Object> manifest, List<Trial> trials) {

    /** Tracer names in display order: {@code none} first, then in order of first appearance. */
    public List<String> tracers() {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        if (trials.stream().anyMatch(t -> "none".equals(t.tracer()))) s.add("none");
        trials.forEach(t -> s.add(t.tracer()));
        return new ArrayList<>(s);
    }

    /** Workload names in order of first appearance. */
    public List<String> workloads() {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        trials.forEach(t -> s.add(t.workload()));
        return new ArrayList<>(s);
    }

    /** Valid trials only. */
    public List<Trial> okTrials() {
        return trials.stream().filter(Trial::ok).toList();
    }
}
