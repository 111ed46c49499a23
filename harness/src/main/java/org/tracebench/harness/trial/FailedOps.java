package org.tracebench.harness.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracebench.loadgen.result.LoadResult;

/**
 * Judges a trial by its load generator's failed operations (load.json's {@code ops}): a trial that completed no
 * operation, or whose failed operations are too many ({@link LoadResult#tooManyFailed}: more than 1% of the attempted
 * ones and more than one per worker), measured failures, not the tracer, so it is invalid.
 */
final class FailedOps {
    private FailedOps() {}

    /** Why {@code load} (load.json as a map) makes the trial invalid, naming the first errors; null when it does not. */
    static String problem(Map<String, Object> load) {
        if (load.isEmpty() || !(load.get("ops") instanceof Map<?, ?> ops)) return null;
        long done = 0, failed = 0;
        List<Map.Entry<String, String>> samples = new ArrayList<>();
        for (Map.Entry<?, ?> e : ops.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> op)) continue;
            done += op.get("count") instanceof Number n ? n.longValue() : 0;
            failed += op.get("errors") instanceof Number n ? n.longValue() : 0;
            if (op.get("errorSamples") instanceof List<?> ss) {
                for (Object s : ss) samples.add(Map.entry(String.valueOf(e.getKey()), String.valueOf(s)));
            }
        }
        List<String> first = LoadResult.firstErrors(samples, 2); // the window's, as the counts are
        int workers = load.get("workers") instanceof Number n ? n.intValue() : 1;
        String errors = first.isEmpty() ? "" : "; first errors: " + String.join(" | ", first);
        if (done == 0) {
            return "The load completed no operation in its measured window" + (failed == 0 ? ""
                    : " (all " + failed + " attempted operations failed" + errors + ")") + ", so the trial measured nothing.";
        }
        if (!LoadResult.tooManyFailed(done, failed, workers)) return null;
        return String.format(Locale.ROOT, "%d of %d attempted operations (%.1f%%) failed, more than the %.0f%% a valid"
                + " trial may fail, so its throughput measures failures, not the tracer%s.", failed, done + failed,
                100.0 * failed / (done + failed), 100 * LoadResult.MAX_FAILED_SHARE, errors);
    }
}
