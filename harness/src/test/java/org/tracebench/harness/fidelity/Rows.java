package org.tracebench.harness.fidelity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds {@link TrialRow}s for analysis tests. */
public final class Rows {
    private Rows() {}

    /** The canonical constructor, under the name the shorter forms share. */
    public static TrialRow row(Path dir, boolean ok, String label, String backend, String variant, String workload,
                               int workers, int repetition, double offered, int block, int position, String role,
                               double throughput, double achievedIterations, double iterP50Nanos, double iterP99Nanos,
                               Map<String, long[]> completeness, Map<String, Boolean> observable, long lostEvents,
                               double tracerCores, double tracerUserCores, double tracerSystemCores,
                               long tracerMaxRssBytes, Map<String, Object> window, Set<String> countedKinds,
                               double ratePerWorker, long iterUnfinished, double loadSystemCores,
                               Map<?, ?> iterLowerBounds, long unmatchedEvents) {
        return new TrialRow(dir, ok, label, backend, variant, workload, workers, repetition, offered, block, position,
                role, throughput, achievedIterations, iterP50Nanos, iterP99Nanos, completeness, observable, lostEvents,
                tracerCores, tracerUserCores, tracerSystemCores, tracerMaxRssBytes, window, countedKinds, ratePerWorker,
                iterUnfinished, loadSystemCores, iterLowerBounds, unmatchedEvents, Set.of());
    }

    /** A trial without completenessUnmatchedEvents. */
    public static TrialRow row(Path dir, boolean ok, String label, String backend, String variant, String workload,
                    int workers, int repetition, double offered, int block, int position, String role,
                    double throughput, double achievedIterations, double iterP50Nanos, double iterP99Nanos,
                    Map<String, long[]> completeness, Map<String, Boolean> observable, long lostEvents,
                    double tracerCores, double tracerUserCores, double tracerSystemCores, long tracerMaxRssBytes,
                    Map<String, Object> window, Set<String> countedKinds, double ratePerWorker,
                    long iterUnfinished, double loadSystemCores, Map<?, ?> iterLowerBounds) {
        return row(dir, ok, label, backend, variant, workload, workers, repetition, offered, block, position, role, throughput,
                achievedIterations, iterP50Nanos, iterP99Nanos, completeness, observable, lostEvents, tracerCores,
                tracerUserCores, tracerSystemCores, tracerMaxRssBytes, window, countedKinds, ratePerWorker, iterUnfinished,
                loadSystemCores, iterLowerBounds, -1);
    }

    /** A trial without load.json's per-percentile lower-bound flags. */
    public static TrialRow row(Path dir, boolean ok, String label, String backend, String variant, String workload,
                    int workers, int repetition, double offered, int block, int position, String role,
                    double throughput, double achievedIterations, double iterP50Nanos, double iterP99Nanos,
                    Map<String, long[]> completeness, Map<String, Boolean> observable, long lostEvents,
                    double tracerCores, double tracerUserCores, double tracerSystemCores, long tracerMaxRssBytes,
                    Map<String, Object> window, Set<String> countedKinds, double ratePerWorker,
                    long iterUnfinished, double loadSystemCores) {
        return row(dir, ok, label, backend, variant, workload, workers, repetition, offered, block, position, role, throughput,
                achievedIterations, iterP50Nanos, iterP99Nanos, completeness, observable, lostEvents, tracerCores,
                tracerUserCores, tracerSystemCores, tracerMaxRssBytes, window, countedKinds, ratePerWorker, iterUnfinished,
                loadSystemCores, null);
    }

    /** A closed-loop trial (no fixed rate). */
    public static TrialRow row(Path dir, boolean ok, String label, String backend, String variant, String workload, int workers,
                    int repetition, double offered, int block, int position, String role, double throughput,
                    double achievedIterations, double iterP50Nanos, double iterP99Nanos, Map<String, long[]> completeness,
                    Map<String, Boolean> observable, long lostEvents, double tracerCores, double tracerUserCores,
                    double tracerSystemCores, long tracerMaxRssBytes, Map<String, Object> window, Set<String> countedKinds) {
        return row(dir, ok, label, backend, variant, workload, workers, repetition, offered, block, position, role, throughput,
                achievedIterations, iterP50Nanos, iterP99Nanos, completeness, observable, lostEvents, tracerCores,
                tracerUserCores, tracerSystemCores, tracerMaxRssBytes, window, countedKinds, Double.NaN, 0, Double.NaN);
    }

    /** A trial at {@code ratePerWorker} (NaN: closed loop) that left no iteration unfinished. */
    public static TrialRow row(Path dir, boolean ok, String label, String backend, String variant, String workload, int workers,
                    int repetition, double offered, int block, int position, String role, double throughput,
                    double achievedIterations, double iterP50Nanos, double iterP99Nanos, Map<String, long[]> completeness,
                    Map<String, Boolean> observable, long lostEvents, double tracerCores, double tracerUserCores,
                    double tracerSystemCores, long tracerMaxRssBytes, Map<String, Object> window, Set<String> countedKinds,
                    double ratePerWorker) {
        return row(dir, ok, label, backend, variant, workload, workers, repetition, offered, block, position, role, throughput,
                achievedIterations, iterP50Nanos, iterP99Nanos, completeness, observable, lostEvents, tracerCores,
                tracerUserCores, tracerSystemCores, tracerMaxRssBytes, window, countedKinds, ratePerWorker, 0, Double.NaN);
    }

    /** A trial without counted kinds (every share it has was matched by path) and without its tracer CPU's split. */
    public static TrialRow row(Path dir, boolean ok, String label, String backend, String variant, String workload, int workers,
                    int repetition, double offered, int block, int position, String role, double throughput,
                    double achievedIterations, double iterP50Nanos, double iterP99Nanos, Map<String, long[]> completeness,
                    Map<String, Boolean> observable, long lostEvents, double tracerCores, long tracerMaxRssBytes,
                    Map<String, Object> window) {
        return row(dir, ok, label, backend, variant, workload, workers, repetition, offered, block, position, role, throughput,
                achievedIterations, iterP50Nanos, iterP99Nanos, completeness, observable, lostEvents, tracerCores,
                Double.NaN, Double.NaN, tracerMaxRssBytes, window, Set.of());
    }

    /** A valid paired trial of {@code label} (backend = label up to '['), throughput in ops/s. */
    public static TrialRow paired(String label, String role, int block, int position, double throughput) {
        return row(Path.of("/x"), true, label, label.replaceFirst("\\[.*$", ""), "", "w", 1, 1, Double.NaN,
                block, position, role, throughput, Double.NaN, 1000, 2000, Map.of(), Map.of(), -1, 0, 0, Map.of());
    }

    /** A paired tracer trial with completeness, lost events and a window. */
    public static TrialRow tracer(String label, int block, int position, double throughput, long performed, long seen,
                                  long lost, double tracerCores, Map<String, Object> window) {
        Map<String, long[]> comp = new LinkedHashMap<>();
        comp.put("read", new long[] {performed, seen});
        return row(Path.of("/x"), true, label, label.replaceFirst("\\[.*$", ""), "", "w", 1, 1, Double.NaN,
                block, position, "pair", throughput, Double.NaN, 1000, 2000, comp, Map.of("read", true), lost,
                tracerCores, 1 << 20, window);
    }

    /** {@code r} with the shares of {@code kinds} counted without paths (upper bounds, not matches). */
    public static TrialRow counted(TrialRow r, String... kinds) {
        return row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), r.workers(), r.repetition(),
                r.offered(), r.block(), r.position(), r.role(), r.throughput(), r.achievedIterations(), r.iterP50Nanos(),
                r.iterP99Nanos(), r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), java.util.Set.of(kinds));
    }

    /** A sweep trial at {@code offered} with read (data) and stat (metadata) completeness. */
    public static TrialRow sweep(String label, double offered, boolean ok, long readSeen, long statSeen, long lost) {
        Map<String, long[]> comp = new LinkedHashMap<>();
        comp.put("read", new long[] {1000, readSeen});
        comp.put("stat", new long[] {1000, statSeen});
        return row(Path.of("/x"), ok, label, label, "", "w", 1, 1, offered, 0, 0, "sweep", offered * 2,
                offered, 1e5, 1e6, comp, Map.of("read", true, "stat", true), lost, 0.1, 0, Map.of());
    }

    /** {@code r} having achieved {@code perSecond} iterations/s (at or below its offered rate). */
    public static TrialRow achieved(TrialRow r, double perSecond) {
        return row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), r.workers(), r.repetition(),
                r.offered(), r.block(), r.position(), r.role(), r.throughput(), perSecond, r.iterP50Nanos(),
                r.iterP99Nanos(), r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), r.countedKinds(), r.ratePerWorker(),
                r.iterUnfinished(), r.loadSystemCores());
    }

    /** {@code r} with {@code unfinished} iterations left at the window's end (its iteration latencies lower bounds). */
    public static TrialRow behind(TrialRow r, long unfinished) {
        return row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), r.workers(), r.repetition(),
                r.offered(), r.block(), r.position(), r.role(), r.throughput(), r.achievedIterations(), r.iterP50Nanos(),
                r.iterP99Nanos(), r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), r.countedKinds(), r.ratePerWorker(), unfinished,
                r.loadSystemCores());
    }

    /** {@code r} with the load generator's system CPU over the measured window (trial.json cpuCores.loadSystem). */
    public static TrialRow loadSystem(TrialRow r, double cores) {
        return row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), r.workers(), r.repetition(),
                r.offered(), r.block(), r.position(), r.role(), r.throughput(), r.achievedIterations(), r.iterP50Nanos(),
                r.iterP99Nanos(), r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), r.countedKinds(), r.ratePerWorker(),
                r.iterUnfinished(), cores);
    }

    /** {@code r} as an open-loop trial at {@code ratePerWorker} iterations/s per worker with iteration p99 {@code p99Nanos}. */
    public static TrialRow rated(TrialRow r, double ratePerWorker, double p99Nanos) {
        return row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), r.workers(), r.repetition(),
                r.offered(), r.block(), r.position(), r.role(), r.throughput(), r.achievedIterations(), r.iterP50Nanos(),
                p99Nanos, r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), r.countedKinds(), ratePerWorker);
    }

    /** {@code r} run with {@code workers} workers. */
    public static TrialRow workers(TrialRow r, int workers) {
        return row(r.dir(), r.ok(), r.label(), r.backend(), r.variant(), r.workload(), workers, r.repetition(),
                r.offered(), r.block(), r.position(), r.role(), r.throughput(), r.achievedIterations(), r.iterP50Nanos(),
                r.iterP99Nanos(), r.completeness(), r.observable(), r.lostEvents(), r.tracerCores(), r.tracerUserCores(),
                r.tracerSystemCores(), r.tracerMaxRssBytes(), r.window(), r.countedKinds(), r.ratePerWorker(), r.iterUnfinished(),
                r.loadSystemCores());
    }
}
