package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.fidelity.SweepSpec;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Parses issue 7's suite parts: {@code sweep:} and a tracer entry's option {@code matrix:}. Problems are collected. */
final class FidelityParsing {
    static final List<String> SWEEP_KEYS = List.of("rates", "start", "maxLevels", "saturation", "tracers");
    /** A matrix may expand to at most this many configurations per tracer entry. */
    static final int MAX_VARIANTS = 32;

    private FidelityParsing() {}

    static SweepSpec sweep(Path file, Node node, List<String> problems) {
        if (!(node instanceof MappingNode map)) {
            problems.add(YamlNodes.at(file, node) + ": 'sweep' must be a map with 'rates' (auto or a list of iterations per second).");
            return null;
        }
        Map<String, Node> f = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String k = YamlNodes.scalar(t.getKeyNode());
            if (k == null || !SWEEP_KEYS.contains(k)) {
                problems.add(YamlNodes.at(file, t.getKeyNode()) + ": unknown key '" + k + "' in 'sweep'."
                        + YamlNodes.suggestion(String.valueOf(k), SWEEP_KEYS) + " Valid keys: " + String.join(", ", SWEEP_KEYS) + ".");
            } else {
                f.put(k, t.getValueNode());
            }
        }
        Node rates = f.get("rates");
        boolean auto = rates == null || "auto".equals(YamlNodes.scalar(rates));
        List<Double> levels = new ArrayList<>();
        if (!auto) {
            List<Node> items = rates instanceof SequenceNode s ? s.getValue() : List.of(rates);
            for (Node n : items) {
                Double v = positive(file, n, "sweep.rates", problems);
                if (v != null) levels.add(v);
            }
            if (levels.isEmpty() && items.isEmpty()) problems.add(YamlNodes.at(file, rates) + ": 'sweep.rates' must be 'auto' or a non-empty list of rates.");
            for (int i = 1; i < levels.size(); i++) {
                if (levels.get(i) <= levels.get(i - 1)) {
                    problems.add(YamlNodes.at(file, rates) + ": 'sweep.rates' must be strictly ascending (a knee is the highest level still complete).");
                    break;
                }
            }
        }
        double start = SweepSpec.DEFAULT_START;
        if (f.get("start") != null) {
            Double v = positive(file, f.get("start"), "sweep.start", problems);
            if (v != null) start = v;
        }
        int maxLevels = SweepSpec.DEFAULT_MAX_LEVELS;
        if (f.get("maxLevels") != null) {
            Double v = positive(file, f.get("maxLevels"), "sweep.maxLevels", problems);
            if (v != null && (v != Math.rint(v) || v > 20)) {
                problems.add(YamlNodes.at(file, f.get("maxLevels")) + ": 'sweep.maxLevels' must be a whole number from 1 to 20.");
            } else if (v != null) {
                maxLevels = v.intValue();
            }
        }
        double saturation = SweepSpec.DEFAULT_SATURATION;
        if (f.get("saturation") != null) {
            Double v = positive(file, f.get("saturation"), "sweep.saturation", problems);
            if (v != null && v >= 1) problems.add(YamlNodes.at(file, f.get("saturation")) + ": 'sweep.saturation' must be a fraction below 1, e.g. 0.9.");
            else if (v != null) saturation = v;
        }
        List<String> tracers = new ArrayList<>();
        Node tn = f.get("tracers");
        if (tn != null) {
            for (Node n : tn instanceof SequenceNode s ? s.getValue() : List.of(tn)) {
                String s = YamlNodes.scalar(n);
                if (s == null || s.isBlank()) problems.add(YamlNodes.at(file, n) + ": 'sweep.tracers' lists tracer names.");
                else if (!tracers.contains(s.trim())) tracers.add(s.trim());
            }
        }
        return new SweepSpec(levels, auto, start, maxLevels, saturation, tracers);
    }

    private static Double positive(Path file, Node n, String key, List<String> problems) {
        String s = YamlNodes.scalar(n);
        try {
            double v = Double.parseDouble(s == null ? "" : s.trim());
            if (!(v > 0) || Double.isInfinite(v)) {
                problems.add(YamlNodes.at(file, n) + ": '" + key + "' must be a positive number, not '" + s + "'.");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(YamlNodes.at(file, n) + ": '" + key + "' must be a number, not '" + s + "'.");
            return null;
        }
    }

    /**
     * The configurations of a tracer entry: {@code base} alone, or one per combination of its {@code matrix}
     * (option → list of values, the first key varying slowest), each on top of {@code base}'s options and
     * labelled with the varied options, e.g. {@code mode=counts perfRbPages=8}. Each matrix option's position goes
     * into {@code positions} (option name → file:line:column), so a later check can name its line.
     */
    static List<TracerSpec> expandMatrix(Path file, MappingNode entry, TracerSpec base, List<String> problems,
                                         java.util.Map<String, String> positions) {
        Node matrix = null;
        for (NodeTuple t : entry.getValue()) {
            if ("matrix".equals(YamlNodes.scalar(t.getKeyNode()))) matrix = t.getValueNode();
        }
        if (matrix == null) return List.of(base);
        if (!(matrix instanceof MappingNode mm) || mm.getValue().isEmpty()) {
            problems.add(YamlNodes.at(file, matrix) + ": 'matrix' must map option names to lists of values, e.g. {mode: [counts, paths]}.");
            return List.of(base);
        }
        List<String> keys = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (NodeTuple t : mm.getValue()) {
            String k = YamlNodes.scalar(t.getKeyNode());
            List<String> vs = new ArrayList<>();
            Node v = t.getValueNode();
            for (Node n : v instanceof SequenceNode s ? s.getValue() : List.of(v)) {
                String sv = YamlNodes.scalar(n);
                if (sv == null) problems.add(YamlNodes.at(file, n) + ": The matrix values of '" + k + "' must be scalars.");
                else if (!vs.contains(sv)) vs.add(sv);
            }
            if (k == null || vs.isEmpty()) {
                problems.add(YamlNodes.at(file, t.getKeyNode()) + ": Each matrix option needs a name and at least one value.");
                return List.of(base);
            }
            positions.put(k, YamlNodes.at(file, t.getKeyNode())); // the matrix's value is the one in effect
            if (base.options().containsKey(k)) {
                problems.add(YamlNodes.at(file, t.getKeyNode()) + ": The option '" + k + "' is in both 'options' and 'matrix' of tracer '" + base.name() + "'; keep it in one.");
            }
            keys.add(k);
            values.add(vs);
        }
        long combos = 1;
        for (List<String> v : values) combos *= v.size();
        if (combos > MAX_VARIANTS) {
            problems.add(YamlNodes.at(file, matrix) + ": The matrix of tracer '" + base.name() + "' makes " + combos
                    + " configurations; at most " + MAX_VARIANTS + " are allowed (each is run in paired blocks).");
            return List.of(base);
        }
        List<TracerSpec> out = new ArrayList<>();
        int[] idx = new int[keys.size()];
        for (long c = 0; c < combos; c++) {
            Map<String, String> opts = new LinkedHashMap<>(base.options());
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                String v = values.get(i).get(idx[i]);
                opts.put(keys.get(i), v);
                if (values.get(i).size() > 1 || keys.size() == 1) {
                    if (label.length() > 0) label.append(' ');
                    label.append(keys.get(i)).append('=').append(v);
                }
            }
            if (label.length() == 0) label.append(keys.get(0)).append('=').append(values.get(0).get(0));
            out.add(new TracerSpec(base.name(), opts, label.toString()));
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (++idx[i] < values.get(i).size()) break;
                idx[i] = 0;
            }
        }
        return out;
    }
}
