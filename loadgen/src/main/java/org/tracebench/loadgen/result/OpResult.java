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
 * @param errorSamples up to five messages, first seen first
 */
public record OpResult(OpKind kind, long count, long errors, long restoreErrors, long nonZeroExits,
                       List<String> errorSamples, double opsPerSecond, LatencySummary latency) {
    public OpResult {
        errorSamples = List.copyOf(errorSamples);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("errors", errors);
        m.put("errorSamples", errorSamples);
        m.put("restoreErrors", restoreErrors);
        if (kind.family() == OpKind.Family.EXEC) m.put("nonZeroExits", nonZeroExits);
        m.put("opsPerSecond", Math.round(opsPerSecond * 100) / 100.0);
        m.put("latencyNanos", latency.toJson());
        return m;
    }
}
