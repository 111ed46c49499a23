package org.tracebench.harness.fidelity;

import java.nio.file.Path;
import java.util.Map;
import org.tracebench.loadgen.task.TaskFiles;
import org.tracebench.loadgen.task.TaskSpec;

/**
 * Offered and achieved rates of an open-loop trial. The load generator counts an iteration only when its intended
 * start falls in the measured window, so a saturated run can report no iterations at all; the achieved rate is
 * therefore taken from completed operations: total ops/s divided by the operations one iteration performs.
 */
public final class Rates {
    private Rates() {}

    /** Operations one iteration of the task file performs (Σ repeat × paths); 0 when the file cannot be read. */
    public static int opsPerIteration(Path taskFile) {
        try {
            int n = 0;
            for (TaskSpec t : TaskFiles.load(taskFile).tasks()) n += Math.max(1, t.repeat()) * Math.max(1, t.paths().size());
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Achieved iterations per second of a load result: its completed ops/s over {@code opsPerIteration}, or the
     * load generator's own iteration rate when the task file is unknown; NaN when neither is there.
     */
    public static double achievedIterationsPerSecond(Map<?, ?> load, int opsPerIteration) {
        double ops = 0;
        boolean any = false;
        if (load.get("ops") instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (v instanceof Map<?, ?> o && o.get("opsPerSecond") instanceof Number n) {
                    ops += n.doubleValue();
                    any = true;
                }
            }
        }
        if (any && opsPerIteration > 0) return ops / opsPerIteration;
        if (load.get("iterations") instanceof Map<?, ?> it && it.get("perSecond") instanceof Number n) return n.doubleValue();
        return Double.NaN;
    }
}
