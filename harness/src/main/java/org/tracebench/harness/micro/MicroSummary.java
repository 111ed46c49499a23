package org.tracebench.harness.micro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.report.Num;
import org.tracebench.harness.results.ResultsDir;

/**
 * The merged table of a micro run: per tracer and op, JMH's ns/op and error, and the cost the tracer adds over
 * {@code none} on the same op ({@code addedNs = tracer - none}) with the combined error
 * {@code sqrt(error_tracer² + error_none²)} (both JMH 99.9% half-widths; NaN when either is). Written as
 * micro-summary.csv (tidy: tracer,op,metric,value,unit; an unknown value's row left out, as in summary.csv) and
 * micro-summary.json (unknown values null).
 */
public final class MicroSummary {
    public static final String CSV = "micro-summary.csv";
    public static final String JSON = "micro-summary.json";

    private MicroSummary() {}

    /** One cell of the table; the added fields are NaN for {@code none} itself or when none has no score for the op. */
    public record Row(String tracer, String op, double nsPerOp, double errorNs, int samples, double addedNs,
                      double addedErrorNs, double ratioVsNone, String source) {}

    /** Rows in tracer order then op order; {@code scores} maps tracer → JMH scores, {@code sources} tracer → file. */
    public static List<Row> merge(Map<String, List<JmhScore>> scores, Map<String, String> sources) {
        Map<String, JmhScore> none = new LinkedHashMap<>();
        for (JmhScore s : scores.getOrDefault("none", List.of())) none.put(s.op(), s);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<JmhScore>> e : scores.entrySet()) {
            for (JmhScore s : e.getValue()) {
                JmhScore base = e.getKey().equals("none") ? null : none.get(s.op());
                double added = base == null ? Double.NaN : s.nsPerOp() - base.nsPerOp();
                double addedErr = base == null ? Double.NaN : Math.hypot(s.errorNs(), base.errorNs());
                double ratio = base == null ? Double.NaN : s.nsPerOp() / base.nsPerOp();
                rows.add(new Row(e.getKey(), s.op(), s.nsPerOp(), s.errorNs(), s.samples(), added, addedErr, ratio,
                        sources.get(e.getKey())));
            }
        }
        return rows;
    }

    public static byte[] csv(List<Row> rows) {
        return csv(rows, Map.of());
    }

    /**
     * micro-summary.csv; a tracer's row per op also has {@code lostEvents} (unit events, over its whole run, every op)
     * where its status in {@code tracers} knows it: above 0 its cost is understated.
     */
    public static byte[] csv(List<Row> rows, Map<String, Map<String, Object>> tracers) {
        StringBuilder sb = new StringBuilder("tracer,op,metric,value,unit\n");
        for (Row r : rows) {
            line(sb, r, "nsPerOp", r.nsPerOp(), "ns");
            line(sb, r, "errorNs", r.errorNs(), "ns");
            line(sb, r, "samples", r.samples(), "count");
            if (!r.tracer().equals("none")) {
                line(sb, r, "addedNs", r.addedNs(), "ns");
                line(sb, r, "addedErrorNs", r.addedErrorNs(), "ns");
                line(sb, r, "ratioVsNone", r.ratioVsNone(), "ratio");
                line(sb, r, "lostEvents", lostEvents(tracers.get(r.tracer())), "events");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, Row r, String metric, double v, String unit) {
        if (!Double.isFinite(v)) return; // unknown: no row, never an empty value
        sb.append(r.tracer()).append(',').append(r.op()).append(',').append(metric).append(',')
                .append(Num.plain(v)).append(',').append(unit).append('\n');
    }

    /** A tracer's lost events from its status; NaN when unknown (no status, or -1: it cannot tell). */
    static double lostEvents(Map<String, Object> status) {
        return status != null && status.get("lostEvents") instanceof Number n && n.longValue() >= 0 ? n.doubleValue() : Double.NaN;
    }

    /** micro-summary.json without warnings. */
    public static Map<String, Object> json(List<Row> rows, Map<String, Map<String, Object>> tracers) {
        return json(rows, tracers, List.of());
    }

    /**
     * micro-summary.json: schema, unit, error confidence, per-tracer status, the rows (NaN as null; a tracer's rows
     * with its {@code lostEvents} over the whole run, null unknown) and the {@code warnings} as summary.json's.
     */
    public static Map<String, Object> json(List<Row> rows, Map<String, Map<String, Object>> tracers,
                                           List<org.tracebench.harness.stats.RunWarning> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "tracebench-micro-summary/1");
        m.put("unit", "ns/op");
        m.put("errorConfidence", JmhScore.CONFIDENCE);
        m.put("addedErrorRule", "sqrt(errorNs(tracer)^2 + errorNs(none)^2)");
        m.put("tracers", tracers);
        List<Object> l = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("tracer", r.tracer());
            e.put("op", r.op());
            e.put("nsPerOp", r.nsPerOp());
            e.put("errorNs", r.errorNs());
            e.put("samples", r.samples());
            e.put("addedNs", r.addedNs());
            e.put("addedErrorNs", r.addedErrorNs());
            e.put("ratioVsNone", r.ratioVsNone());
            e.put("source", r.source());
            double lost = r.tracer().equals("none") ? Double.NaN : lostEvents(tracers.get(r.tracer()));
            e.put("lostEvents", Double.isNaN(lost) ? null : (Object) (long) lost);
            l.add(e);
        }
        m.put("rows", l);
        m.put("warnings", MicroWarnings.json(warnings));
        return m;
    }

    /** Reads micro-summary.json back (for report): the rows, null numbers as NaN. */
    public static List<Row> read(Path dir) throws IOException {
        Object o = ResultsDir.readJson(dir.resolve(JSON));
        if (!(o instanceof Map<?, ?> m) || !(m.get("rows") instanceof List<?> rows)) {
            throw new IOException(dir.resolve(JSON) + " has no rows list.");
        }
        List<Row> out = new ArrayList<>();
        for (Object x : rows) {
            Map<?, ?> r = (Map<?, ?>) x;
            out.add(new Row(String.valueOf(r.get("tracer")), String.valueOf(r.get("op")), JmhScore.number(r.get("nsPerOp")),
                    JmhScore.number(r.get("errorNs")), (int) JmhScore.number(r.get("samples")), JmhScore.number(r.get("addedNs")),
                    JmhScore.number(r.get("addedErrorNs")), JmhScore.number(r.get("ratioVsNone")),
                    r.get("source") == null ? null : r.get("source").toString()));
        }
        return out;
    }

    /** Tracer → status map as written in micro-summary.json. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> readTracers(Path dir) throws IOException {
        Object o = ResultsDir.readJson(dir.resolve(JSON));
        if (o instanceof Map<?, ?> m && m.get("tracers") instanceof Map<?, ?> t) return (Map<String, Map<String, Object>>) t;
        return Map.of();
    }
}
