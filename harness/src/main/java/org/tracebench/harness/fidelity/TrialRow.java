package org.tracebench.harness.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.loadgen.result.IterationResult;

/**
 * One finished trial as issue 7's analyses need it, read from its trial.json (and load.json for the iteration
 * latencies and the task file's ops per iteration). Unknown numbers are NaN.
 *
 * @param label         the configuration label ({@code bpftrace[mode=counts]}), as in trial.json's tracer
 * @param backend       the tracer backend's registry name
 * @param workload      the workload without a rate suffix
 * @param offered       offered iterations/s of a sweep trial; NaN for closed loop
 * @param role          {@code pair}, {@code aa}, {@code sweep} or empty
 * @param completeness  op kind → {performed, seen} or {performed, seen, seenByPath} (the part matched by path)
 * @param lostEvents    events the tracer admitted losing; -1 when it cannot tell
 * @param tracerCores   the tracer processes' CPU over the measured window (cpuCores.tracer, from the sampler)
 * @param tracerUserCores   its user part, between the same samples (cpuCores.tracerUser; NaN in older results)
 * @param tracerSystemCores its system part (cpuCores.tracerSystem; NaN in older results)
 * @param window        trial.json's window object, GO to END (load CPU split, context switches, bpfStats)
 * @param countedKinds  op kinds whose seen count came (partly) from events without a path (completeness
 *                      {@code attribution} "count" or "path+count"): their share is an upper bound, not a match
 * @param ratePerWorker the task's fixed rate, iterations/s per worker (trial.json ratePerWorker); NaN for a closed loop
 * @param iterUnfinished load.json's iterations.unfinished: iterations the window's end left unfinished, in the
 *                      iteration latencies with the time they had waited, so above 0 those may be lower bounds
 * @param iterLowerBounds load.json's iterations.latencyNanosLowerBound: per percentile, whether the unfinished ones
 *                      make it a lower bound ({@link #iterLowerBound}); null in results without it
 * @param loadSystemCores the load generator's system CPU over the measured window (cpuCores.loadSystem, from the
 *                      sampler, warm-up excluded; NaN in older results, whose window object has it from GO to END)
 * @param unmatchedEvents trial.json's completenessUnmatchedEvents: the events without a path the counted kinds'
 *                      shares drew on, each kind all it could, so the kinds' operations seen are at most their
 *                      seenByPath plus these ({@link #seenRatio}); -1 unknown (older results: the shares are summed)
 * @param notTracedByOption op kinds the configuration's options left untraced, wholly or partly (trial.json's
 *                      completeness {@code notTracedByOption}, strace's syscalls): misses, not blind spots, so a
 *                      wholly untraced one is {@code observable} here (seen 0) and none of them is {@link #complete}
 */
public record TrialRow(Path dir, boolean ok, String label, String backend, String variant, String workload,
                       int workers, int repetition, double offered, int block, int position, String role,
                       double throughput, double achievedIterations, double iterP50Nanos, double iterP99Nanos,
                       Map<String, long[]> completeness, Map<String, Boolean> observable, long lostEvents,
                       double tracerCores, double tracerUserCores, double tracerSystemCores, long tracerMaxRssBytes,
                       Map<String, Object> window, Set<String> countedKinds, double ratePerWorker,
                       long iterUnfinished, double loadSystemCores, Map<?, ?> iterLowerBounds, long unmatchedEvents,
                       Set<String> notTracedByOption) {

    /** Whether iteration percentile {@code q} ({@code "p50"}, {@code "p99"}) is a lower bound (unfinished ones could move it). */
    public boolean iterLowerBound(String q) {
        return IterationResult.lowerBound(iterUnfinished, iterLowerBounds, q);
    }

    /** True for an open-loop trial: the task fixed the rate, so its throughput is that rate as long as it kept up. */
    public boolean openLoop() {
        return Double.isFinite(ratePerWorker) && ratePerWorker > 0;
    }

    /** Every trial of a results directory with a readable trial.json, in directory order. */
    public static List<TrialRow> readAll(Path resultsDir) throws IOException {
        List<TrialRow> out = new ArrayList<>();
        Path td = resultsDir.resolve("trials");
        if (!Files.isDirectory(td)) return out;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(td)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path d : dirs) {
            TrialRow r = read(d);
            if (r != null) out.add(r);
        }
        return out;
    }

    /** One trial, or null without a readable trial.json. */
    static TrialRow read(Path d) {
        Map<?, ?> j;
        try {
            if (!Files.isRegularFile(d.resolve("trial.json")) || !(ResultsDir.readJson(d.resolve("trial.json")) instanceof Map<?, ?> m)) return null;
            j = m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Map<?, ?> load = Map.of();
        try {
            if (Files.isRegularFile(d.resolve("load.json")) && ResultsDir.readJson(d.resolve("load.json")) instanceof Map<?, ?> m) load = m;
        } catch (IOException | RuntimeException e) {
            load = Map.of();
        }
        Map<?, ?> placement = map(j.get("placement"));
        Map<?, ?> cpu = map(j.get("cpuCores"));
        Map<String, long[]> comp = new LinkedHashMap<>();
        Map<String, Boolean> obs = new LinkedHashMap<>();
        Set<String> counted = new LinkedHashSet<>();
        Set<String> notTraced = new LinkedHashSet<>();
        for (Map.Entry<?, ?> e : map(j.get("completeness")).entrySet()) {
            Map<?, ?> c = map(e.getValue());
            long seen = lng(c.get("seen"));
            comp.put(String.valueOf(e.getKey()), new long[] {lng(c.get("performed")), seen,
                    c.get("seenByPath") instanceof Number n ? n.longValue() : seen});
            boolean byOption = c.get("notTracedByOption") != null; // the configuration's choice: a miss, not blindness
            if (byOption) notTraced.add(String.valueOf(e.getKey()));
            obs.put(String.valueOf(e.getKey()), byOption || !Boolean.FALSE.equals(c.get("observable")));
            if (String.valueOf(c.get("attribution")).contains("count")) counted.add(String.valueOf(e.getKey()));
        }
        Object task = j.get("taskFile");
        int opsPerIteration = task == null ? 0 : Rates.opsPerIteration(Path.of(String.valueOf(task)));
        Map<?, ?> iterLat = map(map(load.get("iterations")).get("latencyNanos"));
        long iterUnfinished = lng(map(load.get("iterations")).get("unfinished"));
        long iterCount = IterationResult.inLatency(load.get("iterations")); // in the histogram
        Map<?, ?> bounds = IterationResult.lowerBoundFlags(load.get("iterations"));
        String label = str(j.get("tracer"), "?");
        String backend = str(j.get("backend"), label.replaceFirst("\\[.*$", ""));
        return new TrialRow(d, "ok".equals(j.get("status")), label, backend, str(j.get("tracerVariant"), ""),
                str(j.get("baseWorkload"), str(j.get("workload"), "?")), (int) lng(j.get("workers")),
                (int) lng(j.get("repetition")), num(placement.get("offeredRatePerSecond")),
                (int) lng(placement.get("block")), (int) lng(placement.get("position")), str(placement.get("role"), ""),
                num(j.get("throughputOpsPerSecond")), Rates.achievedIterationsPerSecond(load, opsPerIteration),
                iterCount > 0 ? num(iterLat.get("p50")) : Double.NaN, iterCount > 0 ? num(iterLat.get("p99")) : Double.NaN,
                comp, obs, j.get("lostEvents") instanceof Number n ? n.longValue() : -1,
                num(cpu.get("tracer")), num(cpu.get("tracerUser")), num(cpu.get("tracerSystem")),
                lng(map(j.get("sampling")).get("tracerMaxRssBytes")),
                castMap(map(j.get("window"))), counted, num(j.get("ratePerWorker")), iterUnfinished,
                num(cpu.get("loadSystem")), bounds == null || bounds.isEmpty() ? null : bounds,
                j.get("completenessUnmatchedEvents") instanceof Number n ? n.longValue() : -1, Set.copyOf(notTraced));
    }

    /**
     * Seen / performed of the observable kinds in {@code kinds} (all when null); NaN when nothing was performed. At
     * most their seenByPath plus {@link #unmatchedEvents} (as report.Trial#seenOverallRatio).
     */
    public double seenRatio(java.util.Collection<String> kinds) {
        long p = 0, s = 0, byPath = 0;
        for (Map.Entry<String, long[]> e : completeness.entrySet()) {
            if (kinds != null && !kinds.contains(e.getKey())) continue;
            if (!observable.getOrDefault(e.getKey(), true)) continue;
            long[] v = e.getValue();
            p += v[0];
            s += Math.min(v[0], v[1]);
            byPath += Math.min(v[0], v.length > 2 ? v[2] : v[1]);
        }
        if (unmatchedEvents >= 0) s = Math.min(s, byPath + unmatchedEvents);
        return p == 0 ? Double.NaN : (double) s / p;
    }

    /**
     * True when the share of {@code kinds} (all when null) is an upper bound: some observable kind among them was
     * counted from events without a path (as report.Trial#seenIsUpperBound), so other calls of the kind count too.
     */
    public boolean seenIsUpperBound(java.util.Collection<String> kinds) {
        return countedKinds.stream().anyMatch(k -> (kinds == null || kinds.contains(k)) && observable.getOrDefault(k, true));
    }

    /**
     * True when every observable kind in {@code kinds} (all when null) was seen at ≥ {@code threshold} and the
     * configuration's options left none of them untraced, not even partly ({@link #notTracedByOption}).
     */
    public boolean complete(java.util.Collection<String> kinds, double threshold) {
        if (notTracedByOption.stream().anyMatch(k -> kinds == null || kinds.contains(k))) return false;
        boolean any = false;
        for (Map.Entry<String, long[]> e : completeness.entrySet()) {
            if (kinds != null && !kinds.contains(e.getKey())) continue;
            if (!observable.getOrDefault(e.getKey(), true)) continue;
            long p = e.getValue()[0];
            if (p == 0) continue;
            any = true;
            if ((double) Math.min(p, e.getValue()[1]) / p < threshold) return false;
        }
        return any;
    }

    /** A number of the window object, NaN when absent. */
    public double windowNum(String key) {
        return num(window.get(key));
    }

    /** The window's bpfStats object, or an empty map. */
    public Map<?, ?> bpfStats() {
        return map(window.get("bpfStats"));
    }

    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static long lng(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String str(Object o, String dflt) {
        return o == null ? dflt : String.valueOf(o);
    }
}
