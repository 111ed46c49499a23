package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.pairing.AbbaPairs;
import org.tracebench.harness.pairing.PairSessions;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/**
 * Statistics per configuration (tracer × workload × workers) over its valid repetitions, overhead against
 * {@code none} for the same workload and workers, and the warnings. A pure function of {@link Results}. A tracer run
 * in paired ABBA blocks ({@code order: paired}) has the within-pair ratio as its overhead ({@link PairRatios}, the
 * same as the paired analysis's), every other one Fieller's ratio of mean throughputs. The A/A check's trials
 * ({@link Results#isAaCheck}) are no configuration: they get only the warnings about their trials' health.
 */
public record Analysis(Results results, List<ConfigStats> configs, List<RunWarning> warnings) {

    /** Valid repetitions below which {@link WarningKind#TOO_FEW_REPETITIONS} is raised: with two, t is 12.7. */
    public static final int MIN_REPETITIONS = 3;
    /** Coefficient of variation above which {@link WarningKind#HIGH_VARIATION} is raised. */
    public static final double CV_LIMIT = 0.05;
    /**
     * Mean steal, in cores, above which a trial's window counts as shared with other guests
     * ({@link WarningKind#STOLEN_CPU}). A quiet VM here shows 0.000-0.002; with 0.014 and more the mixed workload's
     * none trials fell from 1724 to 932 ops/s in one suite (docs/design.md).
     */
    public static final double STEAL_LIMIT_CORES = 0.01;
    /**
     * Mean user CPU of other processes, in cores, above which a trial's window counts as shared with them
     * ({@link WarningKind#OTHER_PROCESSES}). Quiet, this VM's 12 quick.yaml trials read -0.003 to 0.010; a loop
     * busy 10% of the time read 0.092 (docs/design.md).
     */
    public static final double OTHER_USER_LIMIT_CORES = 0.05;

    /**
     * How far the load, tracer and harness CPU may exceed the machine's busy CPU before a window's figures are called
     * inconsistent ({@link WarningKind#CPU_ACCOUNTING}): /proc/stat counts idle in 10 ms units, 0.04 cores of 2 CPUs
     * over a 1 s window.
     */
    public static final double PARTS_OVER_WHOLE_LIMIT_CORES = 0.05;

    /** A configuration's key. */
    public record Config(String tracer, String workload, int workers) {}

    /**
     * A configuration's statistics. {@code throughputVsNone} is tracer/none of throughput (null without a
     * baseline, or for none itself; per op kind see {@link OpSlowdowns}): the geometric mean of the within-pair
     * ratios for a tracer run in ABBA blocks (method {@link PairRatios#METHOD}; null without a valid pair), else
     * the ratio of means with Fieller's interval; {@code extraKernelCores} is
     * the machine's kernel CPU per operation less none's, in cores at the tracer's throughput
     * ({@link #extraKernelCores(double, double, double, double)}; NaN without a baseline); {@code seenOverall} the ratio of all performed
     * operations the tracer reported (blind kinds count as unseen); {@code seenObservable} the same over the kinds
     * it can observe, the headline ({@link #seenHeadline}).
     */
    public record ConfigStats(Config config, List<Trial> valid, int invalid, int unfinished,
                              Map<String, Estimate> metrics, RatioEstimate throughputVsNone,
                              double extraKernelCores,
                              Estimate seenOverall, Estimate seenObservable, long lostEvents, boolean lostEventsKnown) {
        public Estimate metric(String name) {
            Estimate e = metrics.get(name);
            return e != null ? e : Estimate.of();
        }

        /** True when the backend is blind by design to every op kind the workload performed (fatrace on fsync). */
        public boolean blindToAll() {
            return valid.stream().anyMatch(t -> !t.completeness().isEmpty())
                    && valid.stream().allMatch(t -> t.completeness().values().stream().allMatch(Trial.Completeness::blind));
        }

        /** True when some observable kind's count came from events without a path: {@link #seenObservable} is an upper bound. */
        public boolean seenIsUpperBound() {
            return valid.stream().anyMatch(Trial::seenIsUpperBound);
        }

        /**
         * Op kinds with a completeness entry in some valid trial (all when {@code which} is null), or those that
         * {@code which} holds in one (blind by design, not traced by option).
         */
        private long kinds(java.util.function.Predicate<Trial.Completeness> which) {
            return valid.stream().flatMap(t -> t.completeness().entrySet().stream())
                    .filter(e -> which == null || which.test(e.getValue())).map(Map.Entry::getKey).distinct().count();
        }

        /**
         * The share of observable operations seen, e.g. "52.9%, 3 of 5 kinds blind", "≤ 100.0%" when an upper bound
         * ({@link #seenIsUpperBound}), "blind" when blind to every kind, "–" without completeness data; ", 12 of 20
         * kinds not traced (by option)" when the configuration's options left kinds out (strace's syscalls): those
         * are neither in the share nor blind.
         */
        public String seenHeadline() {
            if (blindToAll()) return "blind";
            double v = seenObservable.mean();
            long notTraced = kinds(Trial.Completeness::notTraced);
            String by = notTraced > 0 ? ", " + notTraced + " of " + kinds(null) + " kinds not traced (by option)" : "";
            if (Double.isNaN(v)) return "–" + by;
            long blind = kinds(Trial.Completeness::blind);
            return (seenIsUpperBound() ? "≤ " : "") + Num.percent(v)
                    + (blind > 0 ? ", " + blind + " of " + kinds(null) + " kinds blind" : "") + by;
        }

        /** True when the options of this configuration left some op kind untraced ({@link Trial.Completeness#notTraced}). */
        public boolean someNotTraced() {
            return kinds(Trial.Completeness::notTraced) > 0;
        }

        /** True for a level of a rate sweep ({@link Trial#sweepLevel}): no × none, no iterations-unfinished warning. */
        public boolean sweepLevel() {
            return valid.stream().anyMatch(Trial::sweepLevel);
        }

        /** The task's rate of the valid trials (iterations/s per worker); NaN for a closed loop or a sweep level. */
        public double ratePerWorker() {
            return valid.stream().mapToDouble(Trial::ratePerWorker).filter(Double::isFinite).findFirst().orElse(Double.NaN);
        }

        /** Op kinds in the order the trials list them. */
        public List<String> ops() {
            Set<String> s = new LinkedHashSet<>();
            valid.forEach(t -> s.addAll(t.ops().keySet()));
            return new ArrayList<>(s);
        }
    }

    /** Analyses the results. */
    public static Analysis of(Results r) {
        List<String> tracers = r.tracers();
        Map<Config, List<Trial>> groups = new LinkedHashMap<>();
        List<Trial> sorted = new ArrayList<>(r.trials());
        sorted.sort(Comparator.comparingInt((Trial t) -> r.workloads().indexOf(t.workload()))
                .thenComparingInt(Trial::workers).thenComparingInt(t -> tracers.indexOf(t.tracer()))
                .thenComparingInt(Trial::repetition));
        for (Trial t : sorted) {
            if (t.status() == Trial.Status.UNREADABLE) continue; // neither valid nor invalid: named in a warning below
            groups.computeIfAbsent(new Config(t.tracer(), t.workload(), t.workers()), k -> new ArrayList<>()).add(t);
        }
        Map<Config, List<AbbaPairs.Pair<Trial>>> pairs = pairs(r);
        Map<Config, Map<String, Estimate>> metrics = new LinkedHashMap<>();
        for (Map.Entry<Config, List<Trial>> g : groups.entrySet()) {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            Map<String, String> units = new HashMap<>();
            for (Trial t : g.getValue()) {
                Metrics.of(t).forEach((k, v) -> {
                    values.computeIfAbsent(k, x -> new ArrayList<>()).add(v.value());
                    units.put(k, v.unit());
                });
            }
            Map<String, Estimate> est = new LinkedHashMap<>();
            // every "ratio" metric is a share or a recall in [0, 1]; its interval stays inside
            values.forEach((k, v) -> est.put(k, "ratio".equals(units.get(k)) ? Estimate.of(v).atMost(1) : Estimate.of(v)));
            metrics.put(g.getKey(), est);
        }
        List<ConfigStats> out = new ArrayList<>();
        List<RunWarning> warnings = new ArrayList<>();
        boolean resumable = org.tracebench.harness.results.Resumable.problem(r.manifest()) == null;
        if (r.manifestProblem() != null) {
            warnings.add(new RunWarning(WarningKind.UNREADABLE_FILES, null, null, null, withoutStop(r.manifestProblem()), false));
        }
        for (Trial t : r.trials()) {
            if (t.status() != Trial.Status.UNREADABLE) continue;
            warnings.add(new RunWarning(WarningKind.UNREADABLE_FILES, null, null, null, withoutStop(t.invalidReason()), resumable));
        }
        int unfinishedTotal = 0;
        for (Map.Entry<Config, List<Trial>> g : groups.entrySet()) {
            Config c = g.getKey();
            List<Trial> valid = g.getValue().stream().filter(Trial::ok).toList();
            List<Trial> invalid = g.getValue().stream().filter(t -> t.status() == Trial.Status.INVALID).toList();
            int unfinished = (int) g.getValue().stream().filter(t -> t.status() == Trial.Status.UNFINISHED).count();
            unfinishedTotal += unfinished;
            if (Results.isAaCheck(g.getValue().get(0))) { // the paired A/A check is its verdict
                AnalysisWarnings.healthWarnings(c, valid, invalid, resumable, warnings);
                AnalysisWarnings.aaNoisy(c, pairs.getOrDefault(c, List.of())).ifPresent(warnings::add);
                continue;
            }
            Map<String, Estimate> m = metrics.get(c);
            Map<String, Estimate> base = metrics.get(new Config("none", c.workload(), c.workers()));
            boolean isNone = "none".equals(c.tracer());
            RatioEstimate ratio = null;
            double extraKernel = Double.NaN;
            if (!isNone && base != null && base.containsKey(Metrics.THROUGHPUT) && m.containsKey(Metrics.THROUGHPUT)) {
                // a sweep level's throughput is its rate while the load keeps up: its × none would read as no cost
                boolean sweep = g.getValue().stream().anyMatch(Trial::sweepLevel);
                ratio = sweep ? null : pairs.containsKey(c) ? withinPairs(pairs.get(c), Trial::throughputOpsPerSecond)
                        : RatioEstimate.fieller(m.get(Metrics.THROUGHPUT), base.get(Metrics.THROUGHPUT));
                if (m.containsKey(Metrics.CPU_KERNEL) && base.containsKey(Metrics.CPU_KERNEL)) {
                    extraKernel = extraKernelCores(m.get(Metrics.CPU_KERNEL).mean(), m.get(Metrics.THROUGHPUT).mean(),
                            base.get(Metrics.CPU_KERNEL).mean(), base.get(Metrics.THROUGHPUT).mean());
                }
            }
            Estimate seen = Estimate.of(valid.stream().mapToDouble(Trial::seenOverallRatio).toArray()).atMost(1);
            Estimate seenObservable = Estimate.of(valid.stream().mapToDouble(Trial::seenObservableRatio)
                    .filter(v -> !Double.isNaN(v)).toArray()).atMost(1);
            long lost = valid.stream().filter(t -> t.lostEvents() != null).mapToLong(Trial::lostEvents).sum();
            boolean lostKnown = valid.stream().anyMatch(t -> t.lostEvents() != null);
            out.add(new ConfigStats(c, valid, invalid.size(), unfinished, m, ratio, extraKernel, seen, seenObservable,
                    lost, lostKnown));
            AnalysisWarnings.warnFor(c, valid, invalid, m, ratio, base, isNone, lost, resumable, warnings);
        }
        List<Trial> publicApi = r.trials().stream().filter(t -> t.ok() && t.publicApiReason() != null).toList();
        if (!publicApi.isEmpty()) {
            warnings.add(new RunWarning(WarningKind.PUBLIC_JDK_APIS, null, null, null, publicApi.size() + " of "
                    + r.trials().stream().filter(Trial::ok).count() + " valid trials; "
                    + publicApi.get(0).publicApiReason()));
        }
        AnalysisWarnings.overLimit(r.trials(), WarningKind.STOLEN_CPU, t -> t.cpuCores().steal(),
                STEAL_LIMIT_CORES, "lost").ifPresent(warnings::add);
        AnalysisWarnings.overLimit(r.trials(), WarningKind.OTHER_PROCESSES, t -> t.cpuCores().otherUser(),
                OTHER_USER_LIMIT_CORES, "saw other processes take").ifPresent(warnings::add);
        AnalysisWarnings.overLimit(r.trials(), WarningKind.CPU_ACCOUNTING, t -> t.cpuCores().load()
                + t.cpuCores().tracer() + t.cpuCores().harness() - t.cpuCores().system(), PARTS_OVER_WHOLE_LIMIT_CORES,
                "had the known processes' CPU exceed the machine's busy CPU by").ifPresent(warnings::add);
        AnalysisWarnings.openLoopWarning(r.trials()).ifPresent(warnings::add);
        Oversubscription.warning(r.trials()).ifPresent(warnings::add);
        warnings.addAll(OpenLoopBacklog.warnings(out));
        String resumedOn = RunDifferences.resumedOn(r.manifest());
        if (resumedOn != null) warnings.add(new RunWarning(WarningKind.MIXED_SESSIONS, null, null, null, resumedOn));
        PairSessions across = sessions(r);
        if (!across.isEmpty()) {
            warnings.add(new RunWarning(WarningKind.PAIRS_ACROSS_SESSIONS, null, null, null, across.split().size()
                    + (across.split().size() == 1 ? " pair" : " pairs") + " left out: " + across.text(), resumable));
        }
        if (unfinishedTotal > 0) {
            warnings.add(new RunWarning(WarningKind.UNFINISHED_TRIALS, null, null, null,
                    unfinishedTotal + (unfinishedTotal == 1 ? " trial" : " trials"), resumable));
        }
        AnalysisWarnings.notRunWarning(r, resumable).ifPresent(warnings::add);
        if (r.dir() != null) warnings.replaceAll(w -> w.dir() == null ? w.withDir(r.dir()) : w); // the fix names it
        return new Analysis(r, List.copyOf(out), List.copyOf(warnings));
    }

    /** The valid ABBA pairs of {@code r}'s trials by the configuration of their tracer trial (none outside paired blocks). */
    static Map<Config, List<AbbaPairs.Pair<Trial>>> pairs(Results r) {
        PairSessions across = sessions(r); // a pair across a resume compares two machine states: left out
        return AbbaPairs.of(r.trials(), Trial::block, Trial::position, t -> t.ok() && !across.leftOut(t.dir()),
                t -> new Config(t.tracer(), t.workload(), t.workers()));
    }

    /** The ABBA pairs of {@code r} whose two trials ran in different sessions of a resumed run. */
    static PairSessions sessions(Results r) {
        return r.dir() == null ? PairSessions.NONE : PairSessions.read(r.dir(), r.manifest());
    }

    /** The within-pair ratio of {@code value} (tracer over baseline) as a ratio estimate; null without a usable pair. */
    static RatioEstimate withinPairs(List<AbbaPairs.Pair<Trial>> pairs, java.util.function.ToDoubleFunction<Trial> value) {
        List<double[]> values = pairs.stream().map(p -> new double[] {value.applyAsDouble(p.tracer()),
                value.applyAsDouble(p.baseline())}).toList();
        PairRatios p = PairRatios.of(values);
        return p.n() == 0 ? null : new RatioEstimate(p.ratio(), p.ci95Low(), p.ci95High(), PairRatios.METHOD);
    }


    /** Whether some configuration's × none is a within-pair ratio ({@code true}) or Fieller's ({@code false}). */
    public boolean hasRatios(boolean paired) {
        return configs.stream().map(ConfigStats::throughputVsNone).filter(java.util.Objects::nonNull)
                .anyMatch(x -> PairRatios.METHOD.equals(x.method()) == paired);
    }

    /**
     * The machine's extra kernel CPU at the tracer's rate: its kernel CPU per operation less none's, times the tracer's
     * operations per second. Not the difference of the cores: in a closed loop none does more operations, so its
     * kernel spends more in all while less per operation (ftrace in results/reference-quick: 0.07 cores more, yet
     * 628 µs per operation against 454, 0.31 cores at its 1762 ops/s). NaN without throughput.
     */
    static double extraKernelCores(double kernelCores, double opsPerSecond, double baseKernelCores, double baseOpsPerSecond) {
        if (!(opsPerSecond > 0) || !(baseOpsPerSecond > 0)) return Double.NaN;
        return (kernelCores / opsPerSecond - baseKernelCores / baseOpsPerSecond) * opsPerSecond;
    }

    private static String withoutStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }


    /** The statistics of one configuration, or null. */
    public ConfigStats find(String tracer, String workload, int workers) {
        Config k = new Config(tracer, workload, workers);
        return configs.stream().filter(s -> s.config().equals(k)).findFirst().orElse(null);
    }
}
