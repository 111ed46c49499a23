package org.tracebench.loadgen.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.loadgen.op.OpKind;

/**
 * Measured statistics of one op kind over the measured window (warm-up excluded).
 *
 * @param count        successful operations
 * @param errors       failed operations (each failed attempt counts once)
 * @param restoreErrors failed untimed restore steps after a successful operation (counted in {@code count}, not in
 *                     {@code errors}): rename's rename back, the recreation after remove, ...
 * @param nonZeroExits exec kinds: operations whose binary exited with a status other than 0 (counted in
 *                     {@code count}: the exec and the wait happened), 0 for other kinds
 * @param errorSamples up to five messages of errors, first seen first
 * @param restoreErrorSamples up to five messages of failed restores, naming the failing call's path
 * @param nonZeroExitSamples  up to five messages of non-zero exits ("/bin/false exited with status 1")
 */
public record OpResult(OpKind kind, long count, long errors, long restoreErrors, long nonZeroExits,
                       List<String> errorSamples, List<String> restoreErrorSamples, List<String> nonZeroExitSamples,
                       double opsPerSecond, LatencySummary latency) {
    public OpResult {
        errorSamples = List.copyOf(errorSamples);
        restoreErrorSamples = List.copyOf(restoreErrorSamples);
        nonZeroExitSamples = List.copyOf(nonZeroExitSamples);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("errors", errors);
        m.put("errorSamples", errorSamples);
        m.put("restoreErrors", restoreErrors);
        if (!restoreErrorSamples.isEmpty()) m.put("restoreErrorSamples", restoreErrorSamples);
        if (kind.family() == OpKind.Family.EXEC) {
            m.put("nonZeroExits", nonZeroExits);
            m.put("nonZeroExitSamples", nonZeroExitSamples);
        }
        m.put("opsPerSecond", Math.round(opsPerSecond * 100) / 100.0);
        m.put("latencyNanos", latency.toJson());
        return m;
    }
}
