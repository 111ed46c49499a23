package org.tracebench.harness.pairing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.fidelity.TrialRow;

/**
 * Overheads from paired trials: within each ABBA block the pairs are (position 1, 2) and (4, 3), tracer over
 * baseline; a pair counts when both trials are valid. Per configuration (label × workload × workers) the pair
 * ratios of throughput and of iteration p99 latency are summarized by {@link PairRatios}; the A/A blocks give the
 * A/A check, whose interval must contain 1 (no difference) or the machine was too noisy. The check is on throughput
 * for a closed loop and on the iteration p99 for an open loop (a task with a fixed rate), whose throughput is the
 * rate whenever it keeps up, so that a throughput check there would pass whatever the noise.
 */
public record PairedAnalysis(List<Config> configs, List<AaCheck> aaChecks) {

    /** A paired configuration: its pair ratios and the trials on each side; {@code openLoop}: the task fixed the rate. */
    public record Config(String label, String backend, String variant, String workload, int workers,
                         PairRatios throughput, PairRatios p99, List<TrialRow> tracerRows, List<TrialRow> baselineRows,
                         boolean openLoop) {
        /** Which way unfinished iterations, in its tracer trials or its baselines, leave the p99 ratio bounded. */
        public PairRatios.Bound p99Bound() { return bound(tracerRows, baselineRows); }
    }

    /** Which way the lower-bound iteration p99 ({@link TrialRow#iterLowerBound}) of either side bound their ratio. */
    private static PairRatios.Bound bound(List<TrialRow> tracerRows, List<TrialRow> baselineRows) {
        return PairRatios.Bound.of(tracerRows.stream().anyMatch(t -> t.iterLowerBound("p99")),
                baselineRows.stream().anyMatch(t -> t.iterLowerBound("p99")));
    }

    /**
     * The A/A check of one workload × workers; the rows are its pairs' middle ({@code none[A/A]}) and outer trials.
     * {@link #checked} is the ratio the verdict is on: the iteration p99's for an open loop, the throughput's otherwise.
     */
    public record AaCheck(String workload, int workers, PairRatios throughput, PairRatios p99, boolean openLoop,
                          Verdict verdict, List<TrialRow> tracerRows, List<TrialRow> baselineRows) {
        public PairRatios checked() { return openLoop ? p99 : throughput; }

        /** Which way unfinished iterations, in its {@code none[A/A]} trials or its baselines, leave the p99 ratio bounded. */
        public PairRatios.Bound p99Bound() { return bound(tracerRows, baselineRows); }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", workload);
            m.put("workers", workers);
            m.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
            m.put("message", verdict.message(this));
            m.put("metric", openLoop ? "iterationP99" : "throughput");
            m.put("throughput", throughput.toMap());
            m.put("iterationP99", p99.toLatencyMap(p99Bound()));
            m.put("pairTrials", pairTrials(tracerRows, baselineRows));
            return m;
        }
    }

    /**
     * Valid pairs an A/A check needs for a verdict: with two, the interval is the log ratios' mean ± 12.7 (t(0.975, 1))
     * times half their difference, so it holds zero whatever the noise (audit r1: +20.2% [−92.0%, +1704.7%] passed).
     */
    public static final int MIN_AA_PAIRS = 3;

    /** The verdict on {@code checked}, the A/A pair ratios of the checked metric ({@link AaCheck#checked}). */
    public static Verdict verdict(PairRatios checked) {
        return checked.n() < MIN_AA_PAIRS || !checked.hasInterval() ? Verdict.INCONCLUSIVE
                : checked.containsOne() ? Verdict.OK : Verdict.NOISY;
    }

    /**
     * {@code OK}: the interval holds zero difference; {@code NOISY}: it does not; {@code INCONCLUSIVE}: fewer than
     * {@link #MIN_AA_PAIRS} pairs.
     */
    public enum Verdict {
        OK, NOISY, INCONCLUSIVE;

        public String message(AaCheck c) {
            return message(c.workload(), c.workers(), c.openLoop(), c.checked());
        }

        /** The sentence for the A/A check on {@code workload} × {@code workers} whose checked ratios are {@code r}. */
        public String message(String workload, int workers, boolean openLoop, PairRatios r) {
            String where = workload + " with " + workers + (workers == 1 ? " worker" : " workers")
                    + (openLoop ? " (open loop at a fixed rate: on the iteration p99, as its throughput is the rate)" : "");
            return switch (this) {
                case OK -> "A/A check on " + where + " passed: baseline against baseline, " + difference(r, openLoop)
                        + ", an interval holding zero.";
                case NOISY -> "A/A check on " + where + " failed: baseline against baseline, " + difference(r, openLoop)
                        + ", an interval excluding zero, so the machine was too noisy for the overheads claimed here;"
                        + " run on a quieter machine or with more repetitions.";
                case INCONCLUSIVE -> "A/A check on " + where + " is inconclusive: " + r.n() + " valid pair(s)"
                        + (openLoop ? " with an iteration p99" : "") + ", at least " + MIN_AA_PAIRS + " are needed (with"
                        + " two, t(0.975, 1) = 12.7 makes the interval so wide that it holds zero whatever the noise);"
                        + " run more repetitions (each gives the check two pairs).";
            };
        }
    }

    /**
     * The A/A pair ratios on the tracers' scale, named: "slowdown (1/throughput ratio − 1) +20.2% [−92.0%, +1704.7%]"
     * as report.md's and summary.json's {@code slowdown} of a tracer ({@link PairRatios#slowdown}), or at a fixed
     * rate "iteration p99 ratio − 1 +20.2% [...]" as the p99's ({@link PairRatios#toLatencyMap}). audit7-stats: it was
     * printed as throughput ratio − 1 beside tracers' slowdowns, −36.0% where summary.json's slowdown said +56.1%.
     */
    public static String difference(PairRatios r, boolean openLoop) {
        if (openLoop) {
            return "iteration p99 ratio − 1 " + percent(r.ratio()) + " [" + percent(r.ci95Low()) + ", "
                    + percent(r.ci95High()) + "]";
        }
        return "slowdown (1/throughput ratio − 1) " + percent(1 / r.ratio()) + " [" + percent(1 / r.ci95High()) + ", "
                + percent(1 / r.ci95Low()) + "]";
    }

    /**
     * A factor's difference from 1 in percent, one decimal, more where a positive factor would round to −100.0%
     * (1.2e-6 is −99.999880%, not −100.0%); below 1e-9 the factor itself ("×3.00e-12"), which a percentage could only
     * give with more digits than a double holds.
     */
    static String percent(double ratio) {
        if (!(ratio > 0) || ratio >= 0.001) return String.format(java.util.Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
        if (ratio < 1e-9) return String.format(java.util.Locale.ROOT, "×%.2e", ratio);
        int decimals = (int) Math.ceil(-Math.log10(ratio * 100)) + 2;
        return String.format(java.util.Locale.ROOT, "%+." + decimals + "f%%", (ratio - 1) * 100);
    }

    /** Pairs every ABBA block of {@code rows}. */
    public static PairedAnalysis of(List<TrialRow> rows) {
        Map<String, List<AbbaPairs.Pair<TrialRow>>> pairsByKey = AbbaPairs.of(rows, TrialRow::block, TrialRow::position,
                TrialRow::ok, r -> r.label() + "\u0000" + r.workload() + "\u0000" + r.workers());
        Map<String, TrialRow> exemplar = new LinkedHashMap<>();
        for (TrialRow r : rows) {
            if (r.block() > 0 && (r.position() == 2 || r.position() == 3)) {
                exemplar.putIfAbsent(r.label() + "\u0000" + r.workload() + "\u0000" + r.workers(), r);
            }
        }
        List<Config> configs = new ArrayList<>();
        List<AaCheck> aa = new ArrayList<>();
        for (Map.Entry<String, List<AbbaPairs.Pair<TrialRow>>> e : pairsByKey.entrySet()) {
            TrialRow x = exemplar.get(e.getKey());
            List<double[]> thr = new ArrayList<>();
            List<double[]> p99 = new ArrayList<>();
            List<TrialRow> tr = new ArrayList<>();
            List<TrialRow> base = new ArrayList<>();
            for (AbbaPairs.Pair<TrialRow> p : e.getValue()) {
                thr.add(new double[] {p.tracer().throughput(), p.baseline().throughput()});
                p99.add(new double[] {p.tracer().iterP99Nanos(), p.baseline().iterP99Nanos()});
                tr.add(p.tracer());
                base.add(p.baseline());
            }
            PairRatios t = PairRatios.of(thr), l = PairRatios.of(p99);
            boolean open = tr.stream().anyMatch(TrialRow::openLoop) || base.stream().anyMatch(TrialRow::openLoop);
            if ("aa".equals(x.role())) {
                PairRatios checked = open ? l : t;
                aa.add(new AaCheck(x.workload(), x.workers(), t, l, open, verdict(checked), tr, base));
            } else {
                configs.add(new Config(x.label(), x.backend(), x.variant(), x.workload(), x.workers(), t, l, tr, base, open));
            }
        }
        configs.sort(java.util.Comparator.comparing(Config::workload).thenComparingInt(Config::workers)
                .thenComparing(Config::backend).thenComparing(Config::label));
        return new PairedAnalysis(List.copyOf(configs), List.copyOf(aa));
    }

    /** Each pair of valid trials as {block, tracer, baseline} (trial directory names), in block order. */
    static List<Object> pairTrials(List<TrialRow> tracerRows, List<TrialRow> baselineRows) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < tracerRows.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("block", tracerRows.get(i).block());
            p.put("tracer", tracerRows.get(i).dir().getFileName().toString());
            p.put("baseline", baselineRows.get(i).dir().getFileName().toString());
            out.add(p);
        }
        return out;
    }

    /** The {@code paired} object of summary.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> cs = new ArrayList<>();
        for (Config c : configs) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("tracer", c.label());
            o.put("backend", c.backend());
            o.put("variant", c.variant());
            o.put("workload", c.workload());
            o.put("workers", c.workers());
            o.put("openLoop", c.openLoop());
            o.put("throughputRatio", c.throughput().toMap());
            o.put("iterationP99Ratio", c.p99().toLatencyMap(c.p99Bound()));
            o.put("pairTrials", pairTrials(c.tracerRows(), c.baselineRows()));
            cs.add(o);
        }
        m.put("configurations", cs);
        List<Object> a = new ArrayList<>();
        for (AaCheck c : aaChecks) a.add(c.toMap());
        m.put("aaChecks", a);
        m.put("noisy", aaChecks.stream().anyMatch(c -> c.verdict() == Verdict.NOISY));
        return m;
    }
}
