package org.tracebench.harness.trial;

import java.util.Map;
import org.tracebench.harness.sampling.CpuSummary;

/**
 * A finished trial as the run command shows it (trial.json holds everything).
 *
 * @param invalidReason null when ok
 * @param completeness  op kind → trial.json completeness entry; empty for none
 * @param measuredSeconds the measured window (the run's duration), NaN without a load result
 * @param warmupSeconds   the unmeasured warm-up before it, NaN without a load result
 * @param iterationP99Nanos with a rate: p99 of the iterations' latency from their intended start; else NaN
 * @param iterationsUnfinished with a rate: iterations the window's end left unfinished
 * @param iterationP99LowerBound with a rate: the unfinished iterations can move the p99 (load.json's
 *                               latencyNanosLowerBound.p99; without it, any unfinished iteration), so it is a lower bound
 */
public record TrialResult(boolean ok, String invalidReason, double throughputOpsPerSecond, CpuSummary cpu,
                          Map<String, Object> completeness, double measuredSeconds, double warmupSeconds,
                          double iterationP99Nanos, long iterationsUnfinished, boolean iterationP99LowerBound) {
    /** A result whose p99 is a lower bound whenever an iteration was unfinished (results without per-percentile flags). */
    public TrialResult(boolean ok, String invalidReason, double throughputOpsPerSecond, CpuSummary cpu,
                       Map<String, Object> completeness, double measuredSeconds, double warmupSeconds,
                       double iterationP99Nanos, long iterationsUnfinished) {
        this(ok, invalidReason, throughputOpsPerSecond, cpu, completeness, measuredSeconds, warmupSeconds,
                iterationP99Nanos, iterationsUnfinished, iterationsUnfinished > 0);
    }

    /** A result without unfinished iterations. */
    public TrialResult(boolean ok, String invalidReason, double throughputOpsPerSecond, CpuSummary cpu,
                       Map<String, Object> completeness, double measuredSeconds, double warmupSeconds,
                       double iterationP99Nanos) {
        this(ok, invalidReason, throughputOpsPerSecond, cpu, completeness, measuredSeconds, warmupSeconds,
                iterationP99Nanos, 0);
    }
}
