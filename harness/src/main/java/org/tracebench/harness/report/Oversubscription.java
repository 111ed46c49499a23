package org.tracebench.harness.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/**
 * The {@link WarningKind#OVERSUBSCRIBED} check: valid trials whose load ran more workers than the CPUs it may use
 * (trial.json's {@code workerCpus}, or {@code cpuPlacement.workerCpus} in results written before it; a trial with
 * neither is left out). More workers than CPUs, not as many: with as many, the scheduler still gives a tracer's
 * process or reader thread its fair share, 1/(workers + 1) of the CPUs (two thirds of a core for 2 workers on 2
 * CPUs, more than fatrace's or ftrace's cat reader used here, about 0.46 cores), and what it takes from the load is
 * the cost being measured; the reference suites run 2 workers on the 2-core reference machine.
 */
final class Oversubscription {
    private Oversubscription() {}

    /** One warning naming how many valid trials ran more workers than CPUs, e.g. "8 workers on 2 CPUs in 4 of 4 ...". */
    static Optional<RunWarning> warning(List<Trial> trials) {
        List<Trial> valid = trials.stream().filter(Trial::ok).toList();
        List<Trial> over = new ArrayList<>();
        Set<String> shapes = new LinkedHashSet<>();
        for (Trial t : valid) {
            int cpus = workerCpus(t);
            if (cpus <= 0 || t.workers() <= cpus) continue;
            over.add(t);
            shapes.add(t.workers() + " workers on " + cpus + (cpus == 1 ? " CPU" : " CPUs"));
        }
        if (over.isEmpty()) return Optional.empty();
        return Optional.of(new RunWarning(WarningKind.OVERSUBSCRIBED, null, null, null, String.join(", ", shapes)
                + " in " + over.size() + " of " + valid.size() + " valid trials, e.g. " + over.get(0).name()));
    }

    /** trial.json's workerCpus (cpuPlacement.workerCpus before it), 0 when unknown. */
    static int workerCpus(Trial t) {
        try {
            Map<String, Object> j = JsonMaps.readObject(t.dir().resolve("trial.json"));
            if (j.get("workerCpus") instanceof Number n) return n.intValue();
            if (j.get("cpuPlacement") instanceof Map<?, ?> p && p.get("workerCpus") instanceof Number n) return n.intValue();
        } catch (IOException | RuntimeException e) {
            // unreadable now: unknown
        }
        return 0;
    }
}
