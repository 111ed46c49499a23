package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Parses a suite's {@code tracers:} list for {@link SuiteParser}, adding to its problems and {@link Suite#where}. */
final class TracerParsing {
    private static final Set<String> TRACER_KEYS = Set.of("name", "options", "matrix");

    private final Path file;
    private final List<String> problems;
    private final Map<String, String> where;
    /** Registered tracer names, to check each entry where it stands (file:line:column); null = not checked here. */
    private final java.util.Collection<String> knownTracers;

    TracerParsing(Path file, List<String> problems, Map<String, String> where, java.util.Collection<String> knownTracers) {
        this.file = file;
        this.problems = problems;
        this.where = where;
        this.knownTracers = knownTracers;
    }

    /** The {@code tracers:} entries, none first unless listed or {@code all}; {@code all[0]} set for {@code tracers: all}. */
    List<TracerSpec> tracers(Node node, boolean[] all) {
        List<TracerSpec> out = new ArrayList<>();
        if (node == null) {
            problems.add(file + ": The suite has no 'tracers'; list tracer names (none is added as the baseline) or write 'tracers: all'.");
            return out;
        }
        if ("all".equals(YamlNodes.scalar(node))) {
            all[0] = true;
            return out;
        }
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        Set<String> unknown = new java.util.HashSet<>();
        for (Node n : items) {
            String s = YamlNodes.scalar(n);
            List<TracerSpec> parsed = List.of();
            Map<String, String> positions = new LinkedHashMap<>(); // option name -> where this entry gives it
            if (s != null && !s.isBlank()) {
                parsed = List.of(TracerSpec.of(s.trim()));
            } else if (n instanceof MappingNode m) {
                TracerSpec base = tracerMap(m, positions);
                if (base != null) parsed = FidelityParsing.expandMatrix(file, m, base, problems, positions);
            } else {
                problems.add(YamlNodes.at(file, n) + ": Each entry of 'tracers' must be a tracer name or {name: NAME, options: {KEY: VALUE}}.");
            }
            for (TracerSpec spec : parsed) {
                if (knownTracers != null && !"all".equals(spec.name()) && !knownTracers.contains(spec.name())) {
                    if (unknown.add(spec.name())) { // a matrix: one message for all its configurations
                        problems.add(unknownTracer(YamlNodes.at(file, n), spec.name(), knownTracers));
                    }
                    continue;
                }
                if ("all".equals(spec.name())) {
                    all[0] = true;
                } else if (out.stream().anyMatch(t -> t.label().equals(spec.label()))) {
                    problems.add(YamlNodes.at(file, n) + ": The tracer '" + spec.label() + "' is listed twice; list each tracer once.");
                } else if (out.stream().anyMatch(t -> sameConfiguration(t, spec))) {
                    TracerSpec first = out.stream().filter(t -> sameConfiguration(t, spec)).findFirst().orElseThrow();
                    problems.add(YamlNodes.at(file, n) + ": The tracer '" + spec.label() + "' is listed twice: it runs with"
                            + " the options of '" + first.label() + "' (" + String.join(" ", effective(spec).entrySet()
                            .stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + "); list each configuration once.");
                } else {
                    out.add(spec);
                    // keyed by label: a second entry for the same tracer has its own lines
                    positions.forEach((k, at) -> where.putIfAbsent(Suite.optionKey(spec.label(), k), at));
                }
            }
        }
        // [none] on purpose runs the baseline alone (the machine's own noise, an A/A check); [] is a list left empty
        if (items.isEmpty()) {
            problems.add(YamlNodes.at(file, node) + ": 'tracers' is empty, so there is nothing to run; name the tracers "
                    + "to compare against the baseline none (tracebench tracers lists them), 'tracers: all', or "
                    + "'tracers: [none]' to measure the baseline alone.");
        }
        if (!all[0] && out.stream().noneMatch(t -> t.name().equals("none"))) out.add(0, TracerSpec.of("none"));
        return out;
    }

    /** Both run one backend with the same options in effect, whatever their labels (a plan would run it twice). */
    private static boolean sameConfiguration(TracerSpec a, TracerSpec b) {
        return a.name().equals(b.name()) && effective(a).equals(effective(b));
    }

    /**
     * {@code spec}'s options as a backend reads them, by name: values trimmed, and a comma-separated value (strace's
     * {@code syscalls}) as the set it names, so {@code openat, chmod} and {@code chmod,openat} are one.
     */
    static java.util.SortedMap<String, String> effective(TracerSpec spec) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        spec.options().forEach((k, v) -> out.put(k, !v.contains(",") ? v.trim()
                : String.join(",", new java.util.TreeSet<>(java.util.Arrays.stream(v.split("[,\\s]+"))
                        .filter(x -> !x.isEmpty()).toList()))));
        return out;
    }

    /** "WHERE: unknown tracer 'NAME'. Did you mean ...? Known tracers: ...", for the parser and {@link SuiteFiles}. */
    static String unknownTracer(String where, String name, java.util.Collection<String> known) {
        List<String> candidates = new ArrayList<>(known);
        candidates.add("all"); // tracers: alll
        return where + ": Unknown tracer '" + name + "'." + YamlNodes.suggestion(name, candidates) + " Known tracers: "
                + String.join(", ", known) + ".";
    }

    /** The entry {@code m} without its matrix; each option's position goes into {@code positions} by name. */
    private TracerSpec tracerMap(MappingNode m, Map<String, String> positions) {
        if (m.getValue().size() == 1 && m.getValue().get(0).getValueNode() instanceof MappingNode
                && !TRACER_KEYS.contains(YamlNodes.scalar(m.getValue().get(0).getKeyNode()))) {
            String k = YamlNodes.scalar(m.getValue().get(0).getKeyNode()); // tracers: [ftrace: {bufferSizeKb: 4096}]
            problems.add(YamlNodes.at(file, m) + ": A tracer with options is written {name: " + k + ", options: {...}},"
                    + " not '" + k + ": {...}'.");
            return null;
        }
        String name = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = YamlNodes.scalar(t.getKeyNode());
            if ("name".equals(k)) {
                name = YamlNodes.scalar(t.getValueNode());
            } else if ("matrix".equals(k)) {
                continue; // expanded by FidelityParsing.expandMatrix
            } else if ("options".equals(k) && t.getValueNode() instanceof MappingNode opts) {
                for (NodeTuple o : opts.getValue()) {
                    String ok = YamlNodes.scalar(o.getKeyNode());
                    String ov = YamlNodes.scalar(o.getValueNode());
                    if (ok == null || ov == null) {
                        problems.add(YamlNodes.at(file, o.getKeyNode()) + ": Tracer options must be KEY: VALUE scalars.");
                    } else {
                        options.put(ok, ov);
                        positions.putIfAbsent(ok, YamlNodes.at(file, o.getKeyNode()));
                    }
                }
            } else if ("options".equals(k)) {
                String v = YamlNodes.scalar(t.getValueNode());
                problems.add(YamlNodes.at(file, t.getValueNode()) + ": The 'options' of a tracer entry must be a map of KEY:"
                        + " VALUE, e.g. {strLen: 64}" + (v == null ? "." : ", not '" + v + "'."));
            } else {
                problems.add(YamlNodes.at(file, t.getKeyNode()) + ": Unknown key '" + k + "' in a tracer entry."
                        + YamlNodes.suggestion(String.valueOf(k), TRACER_KEYS) + " A tracer entry has 'name', 'options' (a map) and 'matrix' (a map of option lists).");
            }
        }
        if (name == null || name.isBlank()) {
            problems.add(YamlNodes.at(file, m) + ": A tracer entry needs 'name'.");
            return null;
        }
        return new TracerSpec(name, options);
    }
}
