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

    /** {@code OK}: the interval holds zero difference; {@code NOISY}: it does not; {@code INCONCLUSIVE}: under two pairs. */
    public enum Verdict {
        OK, NOISY, INCONCLUSIVE;

        public String message(AaCheck c) {
            PairRatios r = c.checked();
            String where = c.workload() + " with " + c.workers() + (c.workers() == 1 ? " worker" : " workers")
                    + (c.openLoop() ? " (open loop at a fixed rate: on the iteration p99, as its throughput is the rate)" : "");
            return switch (this) {
                case OK -> String.format(java.util.Locale.ROOT, "A/A check on %s passed: baseline against baseline differs by %+.1f%% [%+.1f%%, %+.1f%%], an interval holding zero.",
                        where, (r.ratio() - 1) * 100, (r.ci95Low() - 1) * 100, (r.ci95High() - 1) * 100);
                case NOISY -> String.format(java.util.Locale.ROOT, "A/A check on %s failed: baseline against baseline differs by %+.1f%% [%+.1f%%, %+.1f%%], an interval excluding zero, so the machine was too noisy for the overheads claimed here; run on a quieter machine or with more repetitions.",
                        where, (r.ratio() - 1) * 100, (r.ci95Low() - 1) * 100, (r.ci95High() - 1) * 100);
                case INCONCLUSIVE -> "A/A check on " + where + " is inconclusive: " + r.n() + " valid pair(s)"
                        + (c.openLoop() ? " with an iteration p99" : "") + ", at least 2 are needed; run more repetitions.";
            };
        }
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
                Verdict v = checked.n() < 2 || !checked.hasInterval() ? Verdict.INCONCLUSIVE
                        : checked.containsOne() ? Verdict.OK : Verdict.NOISY;
                aa.add(new AaCheck(x.workload(), x.workers(), t, l, open, v, tr, base));
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
