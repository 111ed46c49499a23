package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.stats.Estimate;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.loadgen.json.Json;

/**
 * summary.csv and summary.json (formats in docs/design.md): pure functions from results to bytes, plus
 * {@link #write(Path)} which the harness calls after each trial.
 */
public final class Summaries {
    private Summaries() {}

    /**
     * Reads every trial of {@code resultsDir}, computes the statistics and writes summary.csv and summary.json
     * there, each atomically. Safe to call repeatedly (e.g. after every trial); not thread-safe for one directory.
     */
    public static void write(Path resultsDir) throws IOException {
        Analysis a = Analysis.of(ResultsReader.read(resultsDir));
        AtomicFiles.replace(resultsDir.resolve("summary.csv"), csv(a.results())); // never recreates a removed resultsDir
        AtomicFiles.replace(resultsDir.resolve("summary.json"), json(a));
    }

    /**
     * The tidy CSV: one row per trial × metric, trials in directory order; the trailing trial, block and position
     * columns tell apart the trials of one configuration and repetition (paired order runs several). The A/A check's
     * trials are no tracer and have no rows, as in summary.json: their verdict is summary.json's {@code paired}.
     */
    public static byte[] csv(Results r) {
        StringBuilder sb = new StringBuilder("suite,tracer,workload,workers,repetition,metric,value,unit,trial,block,position\n");
        for (Trial t : r.trials()) {
            if (t.status() == Trial.Status.UNFINISHED || t.status() == Trial.Status.UNREADABLE || Results.isAaCheck(t)) continue;
            String prefix = String.join(",", field(r.suite()), field(t.tracer()), field(t.workload()),
                    Integer.toString(t.workers()), Integer.toString(t.repetition())) + ",";
            String suffix = "," + field(t.name()) + "," + (t.block() > 0 ? t.block() + "," + t.position() : ",") + "\n";
            sb.append(prefix).append("valid,").append(t.ok() ? 1 : 0).append(",bool").append(suffix);
            Metrics.of(t).forEach((k, v) -> sb.append(prefix).append(field(k)).append(',')
                    .append(Num.plain(v.value())).append(',').append(v.unit()).append(suffix));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** summary.json: per-configuration statistics, overhead vs none, warnings. */
    public static byte[] json(Analysis a) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", "tracebench-summary/1");
        root.put("suite", a.results().suite());
        Map<String, Object> asRun = RunDifferences.measured(a.results().manifest());
        if (!asRun.isEmpty()) root.put("suiteAsRun", asRun); // what the numbers depend on: pinning, duration...
        List<Trial> all = a.results().trials();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", all.size());
        counts.put("valid", all.stream().filter(Trial::ok).count());
        counts.put("invalid", all.stream().filter(t -> t.status() == Trial.Status.INVALID).count());
        counts.put("unfinished", all.stream().filter(t -> t.status() == Trial.Status.UNFINISHED).count());
        counts.put("unreadable", all.stream().filter(t -> t.status() == Trial.Status.UNREADABLE).count());
        Plan plan = a.results().plan();
        if (plan.known()) { // the plan in manifest.json (results before it: nothing said)
            counts.put("planned", plan.planned().size());
            counts.put("notRun", a.results().notRun().size());
        }
        root.put("trials", counts);
        List<Object> configs = new ArrayList<>();
        for (Analysis.ConfigStats s : a.configs()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("tracer", s.config().tracer());
            c.put("workload", s.config().workload());
            c.put("workers", s.config().workers());
            c.put("validTrials", s.valid().size());
            c.put("invalidTrials", s.invalid());
            if (plan.known()) c.put("plannedTrials", plan.perConfig().getOrDefault(s.config(), 0));
            Map<String, Object> ms = new LinkedHashMap<>();
            s.metrics().forEach((k, e) -> ms.put(k, estimate(e)));
            c.put("metrics", ms);
            c.put("throughputRatioVsNone", ratio(s.throughputVsNone()));
            configs.add(c);
        }
        root.put("configurations", configs);
        List<OpSlowdowns.Slowdown> shown = OpSlowdowns.all(a);
        root.put("opSlowdowns", shown.stream().map(Summaries::slowdown).toList());
        root.put("opSlowdownsNotShown", OpSlowdowns.notShown(a, shown).stream().map(Summaries::slowdown).toList());
        List<Object> ws = new ArrayList<>();
        for (RunWarning w : a.warnings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", w.kind().code());
            m.put("tracer", w.tracer());
            m.put("workload", w.workload());
            m.put("workers", w.workers());
            m.put("message", w.message());
            m.put("fix", w.fix());
            ws.add(m);
        }
        root.put("warnings", ws);
        Object paired = pairedSummary(a.results().dir()); // issue 7: paired overheads and the A/A check
        if (paired != null) root.put("paired", paired);
        return (Json.write(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The paired overheads and A/A checks of the directory (issue 7); null without paired trials or when unreadable. */
    private static Object pairedSummary(Path dir) {
        try {
            if (dir == null) return null;
            org.tracebench.harness.pairing.PairSessions across = org.tracebench.harness.pairing.PairSessions.read(dir);
            org.tracebench.harness.pairing.PairedAnalysis p = org.tracebench.harness.pairing.PairedAnalysis.of(
                    across.without(org.tracebench.harness.fidelity.TrialRow.readAll(dir), org.tracebench.harness.fidelity.TrialRow::dir));
            if (p.configs().isEmpty() && p.aaChecks().isEmpty() && across.isEmpty()) return null;
            Map<String, Object> m = p.toMap();
            if (!across.isEmpty()) m.put("pairsAcrossSessions", across.toList()); // left out of every ratio above
            return m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Map<String, Object> estimate(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", e.n());
        m.put("mean", e.mean());
        m.put("sd", e.sd());
        m.put("ci95Low", e.ci95Low());
        m.put("ci95High", e.ci95High());
        m.put("cv", e.cv());
        return m;
    }

    static Map<String, Object> ratio(RatioEstimate r) {
        if (r == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratio", r.ratio());
        m.put("ci95Low", r.ci95Low());
        m.put("ci95High", r.ci95High());
        m.put("method", r.method());
        return m;
    }

    /** A CSV field, quoted when it holds a comma, quote or newline. */
    static String field(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** One of summary.json's {@code opSlowdowns} (or {@code opSlowdownsNotShown}). */
    private static Map<String, Object> slowdown(OpSlowdowns.Slowdown d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tracer", d.tracer());
        m.put("op", d.op());
        m.put("workload", d.workload());
        m.put("workers", d.workers());
        m.put("onlyOpOfWorkload", d.alone());
        m.put("meanLatencyRatioVsNone", d.factor());
        m.put("ci95Low", d.ci95Low());
        m.put("ci95High", d.ci95High());
        m.put("method", d.method());
        return m;
    }
}
