package org.tracebench.harness.pairing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.harness.suite.TrialSpec.Placement;

/**
 * {@code order: paired}: per repetition, one ABBA block per tracer configuration and workload × workers
 * (none, tracer, tracer, none), plus one A/A block (none, none, none, none, the middle two labelled
 * {@code none[A/A]}) per workload × workers. Blocks are shuffled within each repetition with the suite's seed.
 * A linear drift of the machine within a block then cancels in the mean of its two pair ratios.
 */
public final class PairedPlan {
    /** The variant label of the A/A check's middle trials. */
    public static final String AA_VARIANT = "A/A";
    /** The tracer label of the A/A check's middle trials: baseline runs, not a tracer configuration. */
    public static final String AA_LABEL = "none[" + AA_VARIANT + "]";

    private PairedPlan() {}

    /**
     * @param configs every configuration (tracer × workload × workers, none included) in suite order, number and
     *                repetition unset
     * @return the trials, numbered from 1
     */
    public static List<TrialSpec> build(List<TrialSpec> configs, int repetitions, Random random) {
        Map<String, TrialSpec> baselines = new LinkedHashMap<>();
        for (TrialSpec c : configs) {
            if (c.tracer().name().equals("none") && c.tracer().variant().isEmpty()) baselines.put(key(c), c);
        }
        List<TrialSpec> out = new ArrayList<>();
        int block = 0;
        for (int rep = 1; rep <= repetitions; rep++) {
            List<TrialSpec[]> blocks = new ArrayList<>();
            for (TrialSpec base : baselines.values()) {
                TrialSpec aa = new TrialSpec(0, new TracerSpec("none", Map.of(), AA_VARIANT), base.workload(),
                        base.taskFile(), base.workers(), 0);
                blocks.add(new TrialSpec[] {base, aa});
            }
            for (TrialSpec c : configs) {
                if (c.tracer().name().equals("none") && c.tracer().variant().isEmpty()) continue;
                TrialSpec base = baselines.get(key(c));
                if (base == null) continue; // no baseline for it: nothing to pair with
                blocks.add(new TrialSpec[] {base, c});
            }
            Collections.shuffle(blocks, random);
            for (TrialSpec[] b : blocks) {
                block++;
                String role = b[1].tracer().name().equals("none") ? "aa" : "pair";
                TrialSpec[] abba = {b[0], b[1], b[1], b[0]};
                for (int pos = 1; pos <= 4; pos++) {
                    TrialSpec t = abba[pos - 1];
                    out.add(new TrialSpec(out.size() + 1, t.tracer(), t.workload(), t.taskFile(), t.workers(), rep,
                            new Placement(Double.NaN, block, pos, role)));
                }
            }
        }
        return out;
    }

    private static String key(TrialSpec c) {
        return c.workload() + "\u0000" + c.workers();
    }
}
