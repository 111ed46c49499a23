package org.tracebench.harness.suite;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.tracebench.harness.suite.Suite.Order;
import org.tracebench.harness.suite.Suite.TaskRef;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses a suite file by walking SnakeYAML's composed node tree (nothing is constructed from tags). Every problem
 * is collected, each as a sentence starting with {@code file:line:column}; unknown keys suggest the nearest valid one.
 * Task files are not opened here: see {@link SuiteFiles#validate}.
 */
public final class SuiteParser {
    /** Trials per configuration, in a suite and by {@code run --repetitions}. */
    public static final int MAX_REPETITIONS = 1000;
    /** Every key a suite may have, in documentation order. */
    public static final List<String> KEYS = List.of("name", "description", "tasks", "tracers", "workers", "duration",
            "warmup", "repetitions", "order", "cooldown", "samplingInterval", "seed", "pinning", "sweep", "allowPaths");

    private final Path file;
    private final String text;
    private final List<String> problems = new ArrayList<>();
    /** {@link Suite#where}. */
    private final Map<String, String> where = new LinkedHashMap<>();

    /** Registered tracer names, to check each entry where it stands (file:line:column); null = not checked here. */
    private final java.util.Collection<String> knownTracers;

    private SuiteParser(Path file, String text, java.util.Collection<String> knownTracers) {
        this.file = file;
        this.text = text;
        this.knownTracers = knownTracers;
    }

    /** Parses {@code file}; throws with every problem found. Tracer names are not checked: see {@link #parse(Path, java.util.Collection)}. */
    public static Suite parse(Path file) throws SuiteException {
        return parse(file, null);
    }

    /**
     * Parses {@code file} and checks each tracer name against {@code knownTracers} (null: not checked), so that an
     * unknown name is reported with its line and column together with every other problem. Throws with all of them.
     */
    public static Suite parse(Path file, java.util.Collection<String> knownTracers) throws SuiteException {
        Path abs = file.toAbsolutePath().normalize();
        Node root;
        String text;
        try {
            // at most MAX_BYTES + 1 bytes (beyond the limit, composing stops at it with SnakeYAML's message); a pipe's
            // bytes come from the first read of it (isSuite), since a pipe can be read once
            text = new String(org.tracebench.loadgen.task.SafeYaml.read(abs), StandardCharsets.UTF_8);
            List<String> unsafe = org.tracebench.loadgen.task.SafeYaml.scan(abs, text);
            if (!unsafe.isEmpty()) throw new SuiteException(unsafe);
            root = YamlNodes.safeYaml().compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new SuiteException(YamlNodes.at(abs, e.getProblemMark()) + ": " + abs.getFileName()
                    + " is not valid YAML: " + e.getProblem() + ".");
        } catch (YAMLException e) {
            throw new SuiteException(abs + ": " + abs.getFileName() + " could not be read as YAML: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new SuiteException(abs + ": The suite file cannot be read (" + e.getMessage() + ").");
        }
        return new SuiteParser(abs, text, knownTracers).root(root);
    }

    private Suite root(Node root) throws SuiteException {
        if (root instanceof SequenceNode) {
            throw new SuiteException(file + ": This is a legacy loder task file (a list of `- kind:` tasks), "
                    + "not a suite; run it with `tracebench load`, or name it under a suite's `tasks:`.");
        }
        if (!(root instanceof MappingNode map)) {
            throw new SuiteException(file + ": a suite file must be a YAML map with at least 'name' and 'tasks'.");
        }
        if (isTaskFile(map)) {
            throw new SuiteException(file + ": This is a task file (it has no `tracers:`, and "
                    + "task-file keys or ops), not a suite; run it with `tracebench load`, or name it under a suite's "
                    + "`tasks:`.");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = YamlNodes.scalar(t.getKeyNode());
            if (key == null || !KEYS.contains(key)) {
                problems.add(YamlNodes.at(file, t.getKeyNode()) + ": Unknown key '" + key + "' in a suite."
                        + YamlNodes.suggestion(String.valueOf(key), KEYS) + " Valid keys: " + String.join(", ", KEYS) + ".");
                continue;
            }
            fields.put(key, t.getValueNode());
        }
        String name = string(fields.get("name"), "name");
        if (fields.get("name") == null) problems.add(file + ": The suite has no 'name' (it names the results directory).");
        else if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            problems.add(YamlNodes.at(file, fields.get("name")) + ": 'name' must use only letters, digits, '.', '_' and '-' (it names the results directory).");
        }
        List<TaskRef> tasks = tasks(fields.get("tasks"));
        boolean[] all = {false};
        List<TracerSpec> tracers = new TracerParsing(file, problems, where, knownTracers).tracers(fields.get("tracers"), all);
        List<Integer> workers = workers(fields.get("workers"));
        Duration duration = duration(fields.get("duration"), "duration", Suite.DEFAULT_DURATION, false);
        Duration warmup = duration(fields.get("warmup"), "warmup", Suite.DEFAULT_WARMUP, true);
        Duration cooldown = duration(fields.get("cooldown"), "cooldown", Suite.DEFAULT_COOLDOWN, true);
        Duration sampling = duration(fields.get("samplingInterval"), "samplingInterval", Suite.DEFAULT_SAMPLING, false);
        if (sampling != null && sampling.toMillis() < 50) {
            problems.add(YamlNodes.at(file, fields.get("samplingInterval")) + ": 'samplingInterval' must be at least 50ms (sampling more often costs measurable CPU).");
        }
        Long reps = integer(fields.get("repetitions"), "repetitions", 1, MAX_REPETITIONS);
        Order order = order(fields.get("order"));
        Long seed = integer(fields.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        Pinning pinning = pinning(fields.get("pinning"));
        List<Path> allowPaths = allowPaths(fields.get("allowPaths"));
        org.tracebench.harness.fidelity.SweepSpec sweep = fields.get("sweep") == null ? null
                : FidelityParsing.sweep(file, fields.get("sweep"), problems);
        if (sweep != null && !all[0]) {
            for (String n : sweep.tracers()) {
                if (tracers.stream().noneMatch(t -> t.name().equals(n))) {
                    problems.add(YamlNodes.at(file, fields.get("sweep")) + ": 'sweep.tracers' names '" + n + "', which is not among the suite's tracers.");
                }
            }
        }
        if (!problems.isEmpty()) throw new SuiteException(problems);
        return new Suite(file, name, tasks, tracers, all[0], workers, duration, warmup,
                reps == null ? 3 : reps.intValue(), order, cooldown, sampling,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed), sweep, pinning, allowPaths, where);
    }

    private String string(Node node, String key) {
        if (node == null) return null;
        String s = YamlNodes.scalar(node);
        if (s == null || s.isBlank()) problems.add(YamlNodes.at(file, node) + ": '" + key + "' must be a non-empty string.");
        return s;
    }

    private Long integer(Node node, String key, long min, long max) {
        if (node == null) return null;
        String s = YamlNodes.scalar(node);
        try {
            long v = Long.parseLong(s == null ? "" : s.trim());
            if (v < min || v > max) {
                problems.add(YamlNodes.at(file, node) + ": '" + key + "' must be between " + min + " and " + max + ", not " + v + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(YamlNodes.at(file, node) + ": '" + key + "' must be a whole number, not '" + s + "'.");
            return null;
        }
    }

    private Duration duration(Node node, String key, Duration dflt, boolean zeroOk) {
        if (node == null) return dflt;
        try {
            Duration d = Durations.parse(YamlNodes.scalar(node));
            if (d.isZero() && !zeroOk) problems.add(YamlNodes.at(file, node) + ": '" + key + "' must be longer than zero.");
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(YamlNodes.at(file, node) + ": '" + key + "' " + e.getMessage());
            return dflt;
        }
    }

    private Order order(Node node) {
        if (node == null) return Order.PAIRED;
        String s = YamlNodes.scalar(node);
        for (Order o : Order.values()) if (o.yamlName().equals(s)) return o;
        problems.add(YamlNodes.at(file, node) + ": 'order' must be 'paired', 'randomized' or 'round-robin', not '" + s + "'."
                + YamlNodes.suggestion(String.valueOf(s), List.of("paired", "randomized", "round-robin")));
        return Order.PAIRED;
    }

    /** False, with a problem at {@code n}, when the locale's file-name encoding cannot hold {@code path}. */
    private boolean encodable(Node n, String field, String path) {
        if (org.tracebench.loadgen.sys.FileNameCharset.canEncode(path)) return true;
        problems.add(YamlNodes.at(file, n) + ": '" + field + "' entry '" + path + "' cannot be a path here: "
                + org.tracebench.loadgen.sys.FileNameCharset.why());
        return false;
    }

    /** {@code allowPaths}: one directory or a list, relative to the suite's directory. */
    private List<Path> allowPaths(Node node) {
        List<Path> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        for (Node n : items) {
            String s = YamlNodes.scalar(n);
            if (s == null || s.isBlank()) {
                problems.add(YamlNodes.at(file, n) + ": Each entry of 'allowPaths' must be a directory path.");
                continue;
            }
            if (!encodable(n, "allowPaths", s)) continue;
            Path p = file.getParent().resolve(s.trim()).normalize();
            if (!out.contains(p)) out.add(p);
            where.putIfAbsent(Suite.allowPathKey(p), YamlNodes.at(file, n));
        }
        return out;
    }

    private Pinning pinning(Node node) {
        if (node == null) return Pinning.NONE;
        String s = YamlNodes.scalar(node);
        Pinning p = Pinning.parse(s);
        if (p != null) return p;
        problems.add(YamlNodes.at(file, node) + ": 'pinning' must be 'none', 'same-cpu' or 'separate-cpus', not '" + s + "'."
                + YamlNodes.suggestion(String.valueOf(s), Pinning.names()));
        return Pinning.NONE;
    }

    private List<Integer> workers(Node node) {
        if (node == null) return List.of(1);
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<Integer> out = new ArrayList<>();
        for (Node n : items) {
            Long v = integer(n, "workers", 1, org.tracebench.loadgen.task.Limits.MAX_WORKERS);
            if (v != null && !out.contains(v.intValue())) out.add(v.intValue());
        }
        if (items.isEmpty()) problems.add(YamlNodes.at(file, node) + ": 'workers' must be a number or a non-empty list of numbers.");
        return out;
    }

    /** No {@code tracers:} and a key only task files have, or {@code tasks:} entries that are operations. */
    private static boolean isTaskFile(MappingNode map) {
        boolean taskKey = false;
        for (NodeTuple t : map.getValue()) {
            String k = YamlNodes.scalar(t.getKeyNode());
            if ("tracers".equals(k)) return false;
            if (List.of("workRoot", "rate", "launch", "setup").contains(k)) taskKey = true;
            if ("tasks".equals(k) && t.getValueNode() instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    if (n instanceof MappingNode m && m.getValue().stream()
                            .anyMatch(e -> "op".equals(YamlNodes.scalar(e.getKeyNode())))) taskKey = true;
                }
            }
        }
        return taskKey;
    }

    private List<TaskRef> tasks(Node node) {
        List<TaskRef> out = new ArrayList<>();
        if (node == null) {
            problems.add(file + ": The suite has no 'tasks' (task file paths relative to the suite, or inline tasks).");
            return out;
        }
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        if (items.isEmpty()) problems.add(YamlNodes.at(file, node) + ": 'tasks' must list at least one task file or inline task.");
        List<String> names = new ArrayList<>();
        for (Node n : items) {
            String s = YamlNodes.scalar(n);
            int before = out.size();
            if (s != null) {
                if (!encodable(n, "tasks", s)) continue;
                Path p = file.getParent().resolve(s).normalize();
                out.add(new TaskRef(p, null, taskName(p)));
            } else if (n instanceof MappingNode m) {
                inlineTask(m, out);
            } else {
                problems.add(YamlNodes.at(file, n) + ": Each entry of 'tasks' must be a task file path or an inline task map.");
            }
            if (out.size() == before) continue;
            String name = out.get(out.size() - 1).name();
            if (names.contains(name)) {
                problems.add(YamlNodes.at(file, n) + ": Two tasks are named '" + name + "' (the first at "
                        + where.get(Suite.taskKey(name)) + "); workload names must be unique in a suite.");
            } else {
                where.put(Suite.taskKey(name), YamlNodes.at(file, n));
            }
            names.add(name);
        }
        return out;
    }

    private void inlineTask(MappingNode m, List<TaskRef> out) {
        String name = null;
        boolean hasTasks = false;
        for (NodeTuple t : m.getValue()) {
            String k = YamlNodes.scalar(t.getKeyNode());
            if ("name".equals(k)) name = YamlNodes.scalar(t.getValueNode());
            if ("tasks".equals(k)) hasTasks = true;
            if ("file".equals(k) && m.getValue().size() == 1) {
                if (!encodable(t.getValueNode(), "file", String.valueOf(YamlNodes.scalar(t.getValueNode())))) return;
                Path p = file.getParent().resolve(String.valueOf(YamlNodes.scalar(t.getValueNode()))).normalize();
                out.add(new TaskRef(p, null, taskName(p)));
                return;
            }
        }
        if (!hasTasks || name == null || !name.matches("[A-Za-z0-9._-]+")) {
            problems.add(YamlNodes.at(file, m) + ": An inline task needs 'name' (letters, digits, '.', '_', '-') and 'tasks' like a v2 task file; "
                    + "or write {file: PATH}.");
            return;
        }
        StringWriter w = new StringWriter();
        YamlNodes.safeYaml().serialize(m, w);
        out.add(new TaskRef(null, w.toString(), name, source(m)));
    }

    /**
     * The node's text as it stands in the suite file, after as many newlines and spaces as put it at its own line
     * and column, so that a message about it names the suite file's line and column; null when the marks are missing.
     */
    private String source(Node n) {
        if (n.getStartMark() == null || n.getEndMark() == null) return null;
        try {
            int from = text.offsetByCodePoints(0, n.getStartMark().getIndex());
            int to = text.offsetByCodePoints(0, n.getEndMark().getIndex());
            return "\n".repeat(n.getStartMark().getLine()) + " ".repeat(n.getStartMark().getColumn()) + text.substring(from, to);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The workload name of a task file: its file name without {@code .yaml}/{@code .yml}. */
    static String taskName(Path p) {
        String n = p.getFileName().toString();
        return n.replaceFirst("\\.ya?ml$", "");
    }
}
