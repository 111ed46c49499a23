package org.tracebench.harness.micro;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.results.ResultsDir;

/**
 * One op's score as JMH wrote it in its JSON result ({@code -rf json}): {@code primaryMetric.score} and
 * {@code scoreError} (half-width of JMH's 99.9% confidence interval; NaN when JMH had too few samples to compute
 * one, e.g. two iterations), in {@code unit} (always ns/op from MicroMain), and the number of measured samples.
 */
public record JmhScore(String op, double nsPerOp, double errorNs, String unit, int samples) {

    /** JMH's confidence level for {@code scoreError}. */
    public static final double CONFIDENCE = 0.999;

    /** Reads every entry of a JMH JSON result file whose benchmark has an {@code op} param. */
    public static List<JmhScore> read(Path jmhJson) throws IOException {
        Object root = ResultsDir.readJson(jmhJson);
        if (!(root instanceof List<?> list)) throw new IOException(jmhJson + " is not a JMH JSON result (expected a list).");
        List<JmhScore> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("params") instanceof Map<?, ?> params) || params.get("op") == null) continue;
            if (!(e.get("primaryMetric") instanceof Map<?, ?> pm)) throw new IOException(jmhJson + ": an entry has no primaryMetric.");
            String unit = String.valueOf(pm.get("scoreUnit"));
            if (!unit.equals("ns/op")) throw new IOException(jmhJson + ": op " + params.get("op") + " is in " + unit + ", expected ns/op.");
            out.add(new JmhScore(String.valueOf(params.get("op")), number(pm.get("score")), number(pm.get("scoreError")),
                    unit, samples(pm.get("rawData"))));
        }
        return out;
    }

    /** JMH writes non-finite numbers as the strings "NaN" / "Infinity". */
    static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o == null) return Double.NaN;
        try {
            return Double.parseDouble(o.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int samples(Object raw) {
        int n = 0;
        if (raw instanceof List<?> forks) for (Object f : forks) if (f instanceof List<?> it) n += it.size();
        return n;
    }
}
