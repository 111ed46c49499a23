package org.tracebench.harness.sampling;

import java.util.List;
import java.util.Locale;

/**
 * The measured window's CPU means from the samples nearest its start and end. Cumulative counters make the means
 * exact between those two samples however many samples fell between them; what a stalled harness (SIGSTOP, Ctrl-Z,
 * a host pause) gets wrong is where they lie: its last sample can come seconds after the window, when the tracer has
 * exited and the load generator writes its result. Dividing by its own wall time then spread the window's CPU over
 * the stall. So the window's edges come from the load generator (END), and {@link CpuSummary#gapSeconds} says how
 * long the window went without a sample.
 */
final class SampledWindow {
    private SampledWindow() {}

    /**
     * Means between the sample nearest {@code startNanos} and the later sample nearest {@code endNanos}, divided by the
     * time between those two samples. {@code taken} holds every sample in order (at least one).
     */
    static CpuSummary summarise(List<Sampler.Snapshot> taken, long startNanos, long endNanos, int cores, long userHz,
                                long loadMaxRss, long tracerMaxRss, int rows) {
        int fromIdx = nearest(taken, 0, startNanos);
        int toIdx = fromIdx + 1 < taken.size() ? nearest(taken, fromIdx + 1, endNanos) : fromIdx;
        Sampler.Snapshot from = taken.get(fromIdx);
        Sampler.Snapshot to = taken.get(toIdx);
        double wallMs = Math.max(1, (to.nanos - from.nanos) / 1e6);
        MachineCpu m = MachineCpu.of(Sampler.delta(to.ticks, from.ticks), wallMs, cores, userHz);
        return new CpuSummary((to.loadCpuNanos - from.loadCpuNanos) / 1e6 / wallMs, (to.tracerCpuMs - from.tracerCpuMs) / wallMs,
                m.busyCores(), m.kernelCores(), (to.harnessCpuNanos - from.harnessCpuNanos) / 1e6 / wallMs,
                m.stealCores(), Sampler.otherUserCores(from, to, m, to.tracerUserMs - from.tracerUserMs),
                loadMaxRss, tracerMaxRss, wallMs / 1000, rows, gapSeconds(taken, startNanos, endNanos),
                (to.tracerUserMs - from.tracerUserMs) / wallMs, (to.loadUserNanos - from.loadUserNanos) / 1e6 / wallMs);
    }

    /** The index, from {@code fromIdx} on, of the sample nearest {@code nanos} (the earlier of two as near). */
    private static int nearest(List<Sampler.Snapshot> taken, int fromIdx, long nanos) {
        int best = fromIdx;
        for (int i = fromIdx + 1; i < taken.size(); i++) {
            if (Math.abs(taken.get(i).nanos - nanos) < Math.abs(taken.get(best).nanos - nanos)) best = i;
        }
        return best;
    }

    /** The longest stretch of [start, end] without a sample, its edges included, in seconds. */
    static double gapSeconds(List<Sampler.Snapshot> taken, long startNanos, long endNanos) {
        long gap = 0;
        long since = startNanos;
        for (Sampler.Snapshot s : taken) {
            if (s.nanos <= startNanos) continue;
            if (s.nanos >= endNanos) break;
            gap = Math.max(gap, s.nanos - since);
            since = s.nanos;
        }
        gap = Math.max(gap, endNanos - since);
        return gap / 1e9;
    }

    /**
     * The longest stretch of a window without a sample that still lets its CPU means stand: twice the interval (the
     * timer's own jitter stays far below one), and no less than 1 s (a sampler thread kept from a CPU for a few hundred
     * milliseconds on a steal-heavy VM is not a stalled harness, and marking its trial invalid would cost a rerun).
     */
    static double gapLimitSeconds(long intervalMillis) {
        return Math.max(2 * intervalMillis, 1000) / 1000.0;
    }

    /** Why a window with this gap has no trustworthy CPU figures (a sentence), or null when it has. */
    static String gapProblem(double gapSeconds, long intervalMillis) {
        if (!(gapSeconds > gapLimitSeconds(intervalMillis))) return null;
        return String.format(Locale.ROOT, "The harness took no CPU sample for %.1f s of the measured window (it samples"
                + " every %d ms): it was stopped (SIGSTOP, Ctrl-Z) or the machine stalled, so the trial's CPU figures,"
                + " tracer CPU among them, cannot be bounded to the window (and a stalled machine stalled the load too);"
                + " do not suspend the harness during a run, use a quieter host, and run the trial again with"
                + " tracebench run --resume DIR.", gapSeconds, intervalMillis);
    }
}
