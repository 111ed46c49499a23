package org.tracebench.harness.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracebench.loadgen.result.LoadResult;

/** The op-errors warning's detail: how many operations failed, the first error, and trials beyond the invalid-trial rule. */
final class OpErrors {
    private OpErrors() {}

    /** "6 failed operations; first: read: ..." over {@code valid}, plus {@link #beyondTheRule}; null with none failed. */
    static String detail(List<Trial> valid) {
        long errors = valid.stream().flatMap(t -> t.ops().values().stream()).mapToLong(Trial.Op::errors).sum();
        if (errors == 0) return null;
        List<Map.Entry<String, String>> samples = valid.stream().flatMap(t -> t.ops().entrySet().stream())
                .flatMap(e -> e.getValue().errorSamples().stream().map(s -> Map.entry(e.getKey(), s))).toList();
        String first = LoadResult.firstErrors(samples, 1).stream().map(s -> "; first: " + s).findFirst().orElse("");
        return errors + " failed operations" + first + beyondTheRule(valid);
    }

    /**
     * "; 2 of its 3 valid trials (the worst, 003-x: 69.0% ...) ... `tracebench run` now marks invalid ..." for valid
     * trials that completed none or failed too many ({@link LoadResult#tooManyFailed}): results written before
     * `run` applied that rule, which report does not re-judge; "" with none.
     */
    private static String beyondTheRule(List<Trial> valid) {
        int beyond = 0;
        Trial worst = null;
        double worstShare = -1;
        for (Trial t : valid) {
            long done = t.ops().values().stream().mapToLong(Trial.Op::count).sum();
            long failed = t.ops().values().stream().mapToLong(Trial.Op::errors).sum();
            if (failed == 0 || !(done == 0 || LoadResult.tooManyFailed(done, failed, t.workers()))) continue;
            beyond++;
            double share = (double) failed / (done + failed);
            if (share > worstShare) {
                worst = t;
                worstShare = share;
            }
        }
        if (worst == null) return "";
        return String.format(Locale.ROOT, "; %d of its %d valid trials (the worst, %s: %.1f%%) failed more than %.0f%% of"
                + " their attempted operations and more than one per worker, or completed none, which `tracebench run`"
                + " now marks invalid: these results were written before that rule, so they are counted here",
                beyond, valid.size(), worst.name(), 100 * worstShare, 100 * LoadResult.MAX_FAILED_SHARE);
    }
}
