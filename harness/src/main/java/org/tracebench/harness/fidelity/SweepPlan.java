package org.tracebench.harness.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.harness.suite.TrialSpec.Placement;

/**
 * The trials of a rate sweep, appended after the suite's other trials: per workload × workers and level (ascending),
 * the baseline first and then each swept tracer's first configuration, one trial each. With {@code rates: auto} every
 * planned level is listed; {@link SweepGate} skips the levels above the one where the baseline saturated.
 */
public final class SweepPlan {
    private SweepPlan() {}

    /**
     * @param configs every configuration (tracer × workload × workers) in suite order
     * @param before  trials already planned (numbering continues after them)
     */
    public static List<TrialSpec> build(SweepSpec sweep, List<TrialSpec> configs, int before) {
        Map<String, TrialSpec> groups = new LinkedHashMap<>(); // workload × workers → its none config
        Map<String, TracerSpec> swept = new LinkedHashMap<>(); // tracer name → first configuration
        for (TrialSpec c : configs) {
            String name = c.tracer().name();
            if (name.equals("none")) {
                if (c.tracer().variant().isEmpty()) groups.putIfAbsent(c.workload() + "\u0000" + c.workers(), c);
            } else if (sweep.tracers().isEmpty() || sweep.tracers().contains(name)) {
                swept.putIfAbsent(name, c.tracer());
            }
        }
        List<TrialSpec> out = new ArrayList<>();
        for (TrialSpec g : groups.values()) {
            for (double rate : sweep.plannedLevels()) {
                Placement p = new Placement(rate, 0, 0, "sweep");
                out.add(new TrialSpec(before + out.size() + 1, g.tracer(), g.workload(), g.taskFile(), g.workers(), 1, p));
                for (TracerSpec t : swept.values()) {
                    out.add(new TrialSpec(before + out.size() + 1, t, g.workload(), g.taskFile(), g.workers(), 1, p));
                }
            }
        }
        return out;
    }
}
