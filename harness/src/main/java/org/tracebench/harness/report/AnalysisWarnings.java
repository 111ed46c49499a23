package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.pairing.AbbaPairs;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.pairing.PairedAnalysis;
import org.tracebench.harness.report.Analysis.Config;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** The warnings {@link Analysis} raises about one configuration's trials and about the run's as a whole. */
final class AnalysisWarnings {
    private AnalysisWarnings() {}

    /**
     * {@link WarningKind#AA_NOISY} when the A/A check of {@code c} (its pairs, {@code none[A/A]} over the baseline
     * beside it) fails: {@link PairedAnalysis#verdict} on the iteration p99 at a fixed rate, else on the throughput.
     */
    static java.util.Optional<RunWarning> aaNoisy(Config c, List<AbbaPairs.Pair<Trial>> pairs) {
        boolean open = pairs.stream().anyMatch(p -> p.tracer().ratePerWorker() > 0 || p.baseline().ratePerWorker() > 0);
        java.util.function.ToDoubleFunction<Trial> value = open ? t -> t.iterationLatency().p99Nanos()
                : Trial::throughputOpsPerSecond;
        PairRatios r = PairRatios.of(pairs.stream().map(p -> new double[] {value.applyAsDouble(p.tracer()),
                value.applyAsDouble(p.baseline())}).toList());
        if (PairedAnalysis.verdict(r) != PairedAnalysis.Verdict.NOISY) return java.util.Optional.empty();
        return java.util.Optional.of(new RunWarning(WarningKind.AA_NOISY, null, c.workload(), c.workers(),
                c.workload() + " with " + c.workers() + (c.workers() == 1 ? " worker" : " workers")
                + ": " + PairedAnalysis.difference(r, open) + " over " + r.n() + " pairs"));
    }

    /** Adds to {@code w} the warnings about configuration {@code c}'s trials and its statistics. */
    static void warnFor(Config c, List<Trial> valid, List<Trial> invalid, Map<String, Estimate> m,
                        RatioEstimate ratio, Map<String, Estimate> base, boolean isNone, long lost,
                        boolean resumable, List<RunWarning> w) {
        String tr = c.tracer(), wl = c.workload();
        int wk = c.workers();
        invalidTrials(c, valid, invalid, resumable, w);
        tooFewRepetitions(valid, isNone).ifPresent(detail -> w.add(new RunWarning(WarningKind.TOO_FEW_REPETITIONS, tr, wl, wk, detail)));
        Estimate thr = m.get(Metrics.THROUGHPUT);
        if (thr != null && thr.hasInterval() && thr.cv() > Analysis.CV_LIMIT) {
            w.add(new RunWarning(WarningKind.HIGH_VARIATION, tr, wl, wk,
                    "throughput cv " + Num.percent(thr.cv())));
        }
        if (lost > 0) {
            double share = LostShare.of(valid, lost);
            w.add(new RunWarning(WarningKind.LOST_EVENTS, tr, wl, wk, lost + " events lost" + (Double.isNaN(share) ? ""
                    : ", " + Num.percent(share) + " of the events")).withTracerOptions(tracerOptions(valid)).withLostShare(share));
        }
        unparsedOutput(valid).ifPresent(detail -> w.add(new RunWarning(WarningKind.UNPARSED_OUTPUT, tr, wl, wk, detail)));
        opErrors(c, valid, w);
        if (!isNone && !valid.isEmpty() && (base == null || !base.containsKey(Metrics.THROUGHPUT))) {
            w.add(new RunWarning(WarningKind.NO_BASELINE, tr, wl, wk, null));
        }
        if (ratio != null && !ratio.bounded() && !Double.isNaN(ratio.ci95Low())) {
            w.add(new RunWarning(WarningKind.UNBOUNDED_RATIO, tr, wl, wk, null));
        }
    }

    /**
     * "2 valid repetitions, one trial each: ...", "1 valid repetition, 2 trials: ..." where {@code valid} holds fewer than
     * {@link Analysis#MIN_REPETITIONS} repetitions with a valid trial, else empty. Repetitions, not trials: a paired run's
     * ABBA block gives a tracer two trials and none two per tracer in each repetition, trials that share the
     * repetition's conditions. The detail says what the intervals are over: the t factor of two only where they are
     * over two trials, one per repetition (audit7-stats: it was said of none's 12 trials and × none's 4 pairs too).
     */
    static java.util.Optional<String> tooFewRepetitions(List<Trial> valid, boolean isNone) {
        long reps = valid.stream().mapToInt(Trial::repetition).distinct().count();
        if (reps == 0 || reps >= Analysis.MIN_REPETITIONS) return java.util.Optional.empty();
        String count = reps + " valid " + (reps == 1 ? "repetition" : "repetitions");
        if (valid.size() > reps) {
            return java.util.Optional.of(count + ", " + valid.size() + " trials: its intervals are over the trials"
                    + (isNone ? "" : " and its × none's over the pairs") + ", which share their repetition's conditions"
                    + " and so can understate the spread between repetitions");
        }
        return java.util.Optional.of(count + (reps == 1 ? ", one trial: no interval"
                : ", one trial each: t(0.975, 1) = 12.7 makes its intervals about 3.6 times as wide as with three at the same spread"));
    }

    /** The A/A check's trials: invalid trials and failed operations, but no verdict on their spread. */
    static void healthWarnings(Config c, List<Trial> valid, List<Trial> invalid, boolean resumable,
                               List<RunWarning> w) {
        invalidTrials(c, valid, invalid, resumable, w);
        opErrors(c, valid, w);
    }

    private static void invalidTrials(Config c, List<Trial> valid, List<Trial> invalid, boolean resumable,
                                      List<RunWarning> w) {
        if (invalid.isEmpty()) return;
        Trial last = invalid.get(invalid.size() - 1);
        w.add(new RunWarning(WarningKind.INVALID_TRIALS, c.tracer(), c.workload(), c.workers(), invalid.size() + " of "
                + (invalid.size() + valid.size()) + " finished trials; " + last.name() + ": " + last.invalidReason(),
                resumable));
    }

    private static void opErrors(Config c, List<Trial> valid, List<RunWarning> w) {
        String detail = OpErrors.detail(valid);
        if (detail != null) w.add(new RunWarning(WarningKind.OP_ERRORS, c.tracer(), c.workload(), c.workers(), detail));
    }

    /** trial.json's tracerOptions of the first of {@code trials} that has them, else empty (for a fix that depends on them). */
    static Map<String, String> tracerOptions(List<Trial> trials) {
        for (Trial t : trials) {
            try {
                if (JsonMaps.readObject(t.dir().resolve("trial.json")).get("tracerOptions") instanceof Map<?, ?> m) {
                    Map<String, String> o = new java.util.LinkedHashMap<>();
                    m.forEach((k, v) -> o.put(String.valueOf(k), String.valueOf(v)));
                    return o;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // unreadable now: the next trial, or no options
            }
        }
        return Map.of();
    }

    /** "2 unparsed lines, 1 unnamed file in 1 of 3 valid trials, e.g. 006-bpftrace-weird-w1-r1", or empty. */
    static java.util.Optional<String> unparsedOutput(List<Trial> valid) {
        List<Trial> bad = valid.stream().filter(t -> t.parseProblems() > 0).toList();
        if (bad.isEmpty()) return java.util.Optional.empty();
        long lines = bad.stream().mapToLong(t -> t.unparsedLines() == null ? 0 : t.unparsedLines()).sum();
        long unnamed = bad.stream().mapToLong(t -> t.unresolvedPaths() == null ? 0 : t.unresolvedPaths()).sum();
        List<String> parts = new ArrayList<>();
        if (lines > 0) parts.add(lines + (lines == 1 ? " unparsed line" : " unparsed lines"));
        if (unnamed > 0) parts.add(unnamed + (unnamed == 1 ? " unnamed file" : " unnamed files"));
        return java.util.Optional.of(String.join(", ", parts) + " in " + bad.size() + " of " + valid.size()
                + " valid trials, e.g. " + bad.get(0).name());
    }

    /**
     * One warning naming the valid trials whose window's mean {@code cores} (steal, other processes' CPU) exceeded
     * {@code limit}: "2 of 12 valid trials {verb} more than 0.01 cores, up to 0.020 in 006-ftrace-mixed-w1-r1".
     */
    static java.util.Optional<RunWarning> overLimit(List<Trial> trials, WarningKind kind,
                                                    java.util.function.ToDoubleFunction<Trial> cores, double limit,
                                                    String verb) {
        List<Trial> valid = trials.stream().filter(Trial::ok).toList();
        List<Trial> over = valid.stream().filter(t -> cores.applyAsDouble(t) > limit) // NaN (older results): never
                .sorted(Comparator.comparingDouble(cores).reversed()).toList();
        if (over.isEmpty()) return java.util.Optional.empty();
        Trial worst = over.get(0);
        double value = cores.applyAsDouble(worst);
        String most = Num.fixed(value, 3);
        if (Double.parseDouble(most) <= limit) most = Num.sig(value, 3); // not "up to 0.010"
        return java.util.Optional.of(new RunWarning(kind, null, null, null, over.size() + " of " + valid.size()
                + " valid trials " + verb + " more than " + Num.fixed(limit, 2) + " cores, up to " + most + " in "
                + worst.name()));
    }

    /** The warning that planned trials have no directory: how many, and the configurations with none at all. */
    static java.util.Optional<RunWarning> notRunWarning(Results r, boolean resumable) {
        int notRun = r.notRun().size();
        if (notRun == 0) return java.util.Optional.empty();
        List<String> none = r.plan().withoutTrials(r.trials()).stream().map(c -> new RunWarning(WarningKind.NOT_RUN_TRIALS,
                c.tracer(), c.workload(), c.workers(), null).where()).toList();
        return java.util.Optional.of(new RunWarning(WarningKind.NOT_RUN_TRIALS, null, null, null, notRun + " of "
                + r.plan().planned().size() + " planned trials" + (none.isEmpty() ? "" : "; not one trial of "
                + Num.firstOf(none, 3)), resumable, r.dir()));
    }

    /** One warning naming the workloads a tracer ran at a fixed rate (a sweep has one per level), if any. */
    static java.util.Optional<RunWarning> openLoopWarning(List<Trial> trials) {
        Map<String, Double> rated = new LinkedHashMap<>();
        for (Trial t : trials) {
            if (t.ok() && !"none".equals(t.tracer()) && Double.isFinite(t.ratePerWorker())) {
                rated.putIfAbsent(t.workload(), t.ratePerWorker());
            }
        }
        if (rated.isEmpty()) return java.util.Optional.empty();
        List<String> named = new ArrayList<>();
        rated.forEach((wl, rate) -> named.add(wl + " at " + Num.sig(rate, 4) + " iterations/s per worker"));
        return java.util.Optional.of(new RunWarning(WarningKind.OPEN_LOOP, null, null, null, Num.firstOf(named, 3)));
    }
}
