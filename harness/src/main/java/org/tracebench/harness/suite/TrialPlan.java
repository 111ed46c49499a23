package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tracebench.harness.suite.Suite.TaskRef;
import org.tracebench.harness.suite.Suite.TracerSpec;

/**
 * Expands a suite into trials. Configurations are tracer × workload × workers; each repetition is one block holding
 * every configuration once. {@code round-robin} keeps suite order inside a block; {@code randomized} shuffles each
 * block with a {@link Random} seeded by the suite's seed, so a slow drift of the machine (thermal, page cache)
 * spreads over all tracers instead of biasing one, and the same seed gives the same plan. {@code paired} (issue 7)
 * builds ABBA blocks instead, and a suite's {@code sweep} appends its rate levels after them.
 */
public final class TrialPlan {
    private TrialPlan() {}

    /**
     * @param tracers   the tracers that will really run (unavailable ones already removed)
     * @param taskFiles the task file path of each workload name (inline tasks already written)
     */
    public static List<TrialSpec> build(Suite suite, List<TracerSpec> tracers, Map<String, Path> taskFiles, long seed) {
        List<TrialSpec> configs = new ArrayList<>();
        for (TaskRef task : suite.tasks()) {
            for (int w : suite.workers()) {
                for (TracerSpec t : tracers) {
                    configs.add(new TrialSpec(0, t, task.name(), taskFiles.get(task.name()), w, 0));
                }
            }
        }
        Random random = new Random(seed);
        List<TrialSpec> plan = new ArrayList<>();
        if (suite.order() == Suite.Order.PAIRED) {
            plan.addAll(org.tracebench.harness.pairing.PairedPlan.build(configs, suite.repetitions(), random));
        }
        for (int rep = 1; rep <= suite.repetitions() && suite.order() != Suite.Order.PAIRED; rep++) {
            List<TrialSpec> block = new ArrayList<>(configs);
            if (suite.order() == Suite.Order.RANDOMIZED) Collections.shuffle(block, random);
            for (TrialSpec c : block) {
                plan.add(new TrialSpec(plan.size() + 1, c.tracer(), c.workload(), c.taskFile(), c.workers(), rep));
            }
        }
        if (suite.sweep() != null) {
            plan.addAll(org.tracebench.harness.fidelity.SweepPlan.build(suite.sweep(), configs, plan.size()));
        }
        return plan;
    }
}
