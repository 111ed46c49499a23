package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns a composed YAML tree into a {@link TaskFile}: a top-level list is loder's legacy format, a top-level map is
 * v2. Every problem is recorded, then {@link TaskChecks} adds the checks that need the whole file.
 */
final class TaskFileParser {
    static final List<String> TOP_LEVEL_KEYS = List.of("name", "description", "workers", "duration", "warmup",
            "rate", "workRoot", "launch", "setup", "tasks");
    static final List<String> TASK_KEYS =
            List.of("op", "path", "paths", "repeat", "size", "blockSize", "args", "mode", "launch");
    static final List<String> SETUP_KEYS = List.of("path", "type", "size", "content", "text", "mode");
    static final List<String> LEGACY_KEYS = List.of("kind", "scale", "files");
    static final List<String> SETUP_TYPES = List.of("file", "directory");
    static final List<String> CONTENTS = List.of("random", "zero", "text");

    static final int MAX_WORKERS = Limits.MAX_WORKERS;
    static final int MAX_REPEAT = 1_000_000;
    static final int MAX_BLOCK_BYTES = 64 << 20;

    /** Which ops accept each per-op option; the schema and docs say the same. */
    static final Map<String, Set<OpKind>> OPTION_OPS = Map.of(
            "size", EnumSet.of(OpKind.READ, OpKind.WRITE, OpKind.TRUNCATE, OpKind.FSYNC, OpKind.DIRECT_READ,
                    OpKind.DIRECT_WRITE),
            "blockSize", EnumSet.of(OpKind.DIRECT_READ, OpKind.DIRECT_WRITE),
            "args", EnumSet.of(OpKind.EXECUTE_SUBPROC, OpKind.EXECUTE_SUBTHREAD, OpKind.FORK),
            "launch", EnumSet.of(OpKind.EXECUTE_SUBPROC, OpKind.EXECUTE_SUBTHREAD, OpKind.FORK),
            "mode", EnumSet.of(OpKind.CHMOD, OpKind.MKDIR, OpKind.CREATE_DELETE));

    static final List<String> OP_NAMES = Arrays.stream(OpKind.values()).map(OpKind::yamlName).toList();
    static final List<String> LAUNCH_NAMES = Arrays.stream(Launch.values()).map(Launch::yamlName).toList();

    private final Path file;
    private final Problems problems;
    private final Values values;
    private final TaskChecks checks;
    private final SetupParser setupParser;

    TaskFileParser(Path file) {
        this.file = file;
        this.problems = new Problems(file);
        this.values = new Values(problems);
        this.checks = new TaskChecks(problems);
        this.setupParser = new SetupParser(problems, values, checks);
    }

    /** What parsing found: the file as far as it could be read (empty when the YAML itself is unusable). */
    record Outcome(Optional<TaskFile> file, List<String> errors, List<String> warnings) {}

    /** The file, or every problem in file order (line, column), as {@code validate} lists them. */
    TaskFile parse() throws TaskFileException {
        Outcome o = parseAll();
        if (!o.errors().isEmpty()) {
            List<String> sorted = new ArrayList<>(o.errors());
            sorted.sort(TaskFiles.BY_POSITION);
            throw new TaskFileException(sorted);
        }
        return o.file().orElseThrow();
    }

    /** Parses without throwing; tasks with errors are left out of the returned file. */
    Outcome parseAll() {
        Optional<Node> root = SafeYaml.compose(file, problems);
        TaskFile tf = null;
        if (root.isEmpty()) {
            // compose recorded why
        } else if (root.get() instanceof SequenceNode) {
            tf = legacy((SequenceNode) root.get());
        } else if (root.get() instanceof MappingNode && suiteKey((MappingNode) root.get()) != null) {
            problems.error(suiteKey((MappingNode) root.get()), "This is a suite file (it has `tracers:`), not a "
                    + "task file; run it with `tracebench run`.");
        } else if (root.get() instanceof MappingNode) {
            tf = v2((MappingNode) root.get());
        } else {
            problems.error(root.get(), "Expected a v2 task map (with `tasks:`) or a legacy loder task list "
                    + "(`- kind: ...`); found " + Values.describe(root.get()) + ".");
        }
        return new Outcome(Optional.ofNullable(tf), problems.errors(), problems.warnings());
    }

    /** The {@code tracers} key that marks a suite file (which {@code tracebench run} reads), or null. */
    private static Node suiteKey(MappingNode root) {
        return root.getValue().stream().map(t -> t.getKeyNode())
                .filter(k -> k instanceof ScalarNode && ((ScalarNode) k).getValue().equals("tracers"))
                .findFirst().orElse(null);
    }

    private String defaultName() {
        String n = file.getFileName() == null ? "tasks" : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    // ---- legacy loder: - {kind, scale, files} ----

    private TaskFile legacy(SequenceNode list) {
        List<TaskSpec> tasks = new ArrayList<>();
        if (list.getValue().isEmpty()) {
            problems.error(list, "The legacy task list is empty; expected at least one `- kind: ...` entry.");
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode)) {
                problems.error(item, "Each legacy task must be a map with `kind`, `scale` and `files`; found "
                        + Values.describe(item) + ".");
                continue;
            }
            YamlMap m = new YamlMap((MappingNode) item, LEGACY_KEYS, "a legacy loder task", problems);
            Optional<OpKind> op = m.has("kind") ? legacyKind(m.value("kind")) : missing(problems, m, "kind",
                    "the operation, e.g. `kind: read`");
            Optional<Integer> scale = m.has("scale") ? values.loderScale(m.value("scale"), MAX_REPEAT) : Optional.of(0);
            List<String> paths = new ArrayList<>();
            List<SourceLocation> locs = new ArrayList<>();
            boolean noFiles = !m.has("files") || m.value("files") instanceof SequenceNode
                    && ((SequenceNode) m.value("files")).getValue().isEmpty();
            if (!noFiles) pathList(m.value("files"), "files", op.orElse(null), paths, locs, true);
            if (op.isEmpty() || scale.isEmpty()) continue;
            if (scale.get() == 0) { // before `files`: loder never looked at the files of a task it ran zero times
                problems.warn(m.has("scale") ? m.value("scale") : item, "`scale` is " + (m.has("scale")
                        ? ((ScalarNode) m.value("scale")).getValue() : "missing") + ", so loder ran this `"
                        + op.get().yamlName() + "` task zero times; it is skipped here too.");
                continue;
            }
            if (noFiles) {
                problems.warn(m.has("files") ? m.value("files") : item, "This `" + op.get().yamlName() + "` task has "
                        + (m.has("files") ? "an empty" : "no") + " `files` list, so loder did nothing for it; it is "
                        + "skipped here too. Give it paths, e.g. `files: [loder-%d.txt]`, or remove it.");
                continue;
            }
            if (!paths.isEmpty()) {
                tasks.add(new TaskSpec(op.get(), paths, scale.get(), OpOptions.DEFAULTS, problems.at(item), locs));
            }
        }
        if (!problems.hasErrors() && tasks.isEmpty()) {
            problems.error(list, "Every legacy task is skipped (scale 0 or less, or no files), so there is nothing "
                    + "to run; expected a task with `scale: 1` or more and a list of `files`.");
        }
        Optional<Launch> launch = checks.launch(Optional.empty(), null, tasks);
        checks.wholeFile(List.of(), tasks, TaskFiles.DEFAULT_WORK_ROOT, true);
        return new TaskFile(file, TaskFile.Format.LEGACY, defaultName(), "", OptionalInt.empty(), Optional.empty(),
                Optional.empty(), OptionalDouble.empty(), Optional.empty(), launch, List.of(), tasks,
                problems.warnings());
    }

    // ---- v2 map ----

    private TaskFile v2(MappingNode root) {
        YamlMap m = new YamlMap(root, TOP_LEVEL_KEYS, "the task file", problems);
        String name = m.has("name") ? values.text(m.value("name"), "name", true).orElse(defaultName()) : defaultName();
        String description = m.has("description")
                ? values.text(m.value("description"), "description", true).orElse("") : "";
        OptionalInt workers = m.has("workers")
                ? values.integer(m.value("workers"), "workers", 1, MAX_WORKERS).map(OptionalInt::of)
                        .orElse(OptionalInt.empty()) : OptionalInt.empty();
        Optional<Duration> duration = m.has("duration")
                ? values.duration(m.value("duration"), "duration", false) : Optional.empty();
        Optional<Duration> warmup = m.has("warmup")
                ? values.duration(m.value("warmup"), "warmup", true) : Optional.empty();
        OptionalDouble rate = m.has("rate") ? values.number(m.value("rate"), "rate", 0, Limits.MAX_RATE)
                .map(OptionalDouble::of).orElse(OptionalDouble.empty()) : OptionalDouble.empty();
        Optional<Path> workRoot = m.has("workRoot") ? workRoot(m.value("workRoot")) : Optional.empty();
        workRoot.flatMap(r -> PathSafety.systemRoot(r, name)).ifPresent(msg -> problems.error(m.value("workRoot"), msg));
        Optional<Launch> fileLaunch = m.has("launch") ? launch(m.value("launch"), "launch") : Optional.empty();

        List<SetupFile> setup = new ArrayList<>();
        if (m.has("setup")) setupParser.parse(m.value("setup"), setup);
        List<TaskSpec> tasks = new ArrayList<>();
        if (m.has("tasks")) {
            tasks(m.value("tasks"), tasks);
        } else {
            problems.error(root, "The task file has no `tasks`; expected a list such as `tasks: [{op: read, path: "
                    + "data.bin}]`.");
        }
        Optional<Launch> launch = checks.launch(fileLaunch, m.value("launch"), tasks);
        checks.wholeFile(setup, tasks, workRoot.orElse(TaskFiles.DEFAULT_WORK_ROOT), false);
        return new TaskFile(file, TaskFile.Format.V2, name, description, workers, duration, warmup, rate, workRoot,
                launch, setup, tasks, problems.warnings());
    }

    private Optional<Path> workRoot(Node n) {
        Optional<String> t = values.text(n, "workRoot", false);
        if (t.isEmpty() || !checks.noNul(n, "workRoot", t.get())) return Optional.empty();
        if (Placeholders.usesWorker(t.get()) || Placeholders.usesIteration(t.get())) {
            problems.error(n, "`workRoot` must not hold placeholders; it is one directory for every worker.");
            return Optional.empty();
        }
        Path p = Path.of(t.get());
        if (!p.isAbsolute()) {
            Path dir = file.toAbsolutePath().getParent();
            p = dir.resolve(p);
        }
        return Optional.of(p.normalize());
    }

    private void tasks(Node n, List<TaskSpec> out) {
        if (!(n instanceof SequenceNode) || ((SequenceNode) n).getValue().isEmpty()) {
            problems.error(n, "`tasks` must be a non-empty list of operations, e.g. `- {op: read, path: data.bin}`; "
                    + "found " + Values.describe(n) + ".");
            return;
        }
        for (Node item : ((SequenceNode) n).getValue()) {
            if (!(item instanceof MappingNode)) {
                problems.error(item, "Each task must be a map with at least `op` and `path` or `paths`; found "
                        + Values.describe(item) + ".");
                continue;
            }
            task((MappingNode) item).ifPresent(out::add);
        }
    }

    private Optional<TaskSpec> task(MappingNode item) {
        int before = problems.errors().size();
        YamlMap m = new YamlMap(item, TASK_KEYS, "a task", problems);
        Optional<OpKind> op = m.has("op") ? opKind(m.value("op"), "op")
                : missing(problems, m, "op", "the operation, one of " + String.join(", ", OP_NAMES));
        List<String> paths = new ArrayList<>();
        List<SourceLocation> locs = new ArrayList<>();
        if (m.has("path") && m.has("paths")) {
            problems.error(m.key("paths"), "A task takes `path` (one) or `paths` (a list), not both.");
        } else if (m.has("path")) {
            Node p = m.value("path");
            if (p instanceof SequenceNode) {
                problems.error(p, "`path` takes one path; use `paths` for a list.");
            } else {
                values.text(p, "path", true).filter(s -> checks.noNul(p, "path", s)).ifPresent(s -> {
                    paths.add(s);
                    locs.add(problems.at(p));
                    op.ifPresent(o -> checks.taskPath(o, p, s, false));
                });
            }
        } else if (m.has("paths")) {
            pathList(m.value("paths"), "paths", op.orElse(null), paths, locs, false);
        } else {
            problems.error(item, "This task has no `path` or `paths`; expected the file"
                    + (op.isPresent() && op.get().family() == OpKind.Family.EXEC ? " (binary)" : "") + " to act on.");
        }
        int repeat = m.has("repeat") ? values.integer(m.value("repeat"), "repeat", 1, MAX_REPEAT).orElse(1) : 1;
        int size = 0;
        int block = 0;
        List<String> args = List.of();
        Integer mode = null;
        Launch launch = null;
        if (op.isPresent()) {
            for (var e : OPTION_OPS.entrySet()) {
                if (m.has(e.getKey()) && !e.getValue().contains(op.get())) {
                    problems.error(m.key(e.getKey()), "`" + e.getKey() + "` does not apply to `" + op.get().yamlName()
                            + "`; it applies to " + e.getValue().stream().map(OpKind::yamlName).sorted().toList()
                            + ".");
                }
            }
        }
        if (m.has("size")) {
            boolean zero = op.isPresent() && op.get() == OpKind.TRUNCATE; // cut to 0 bytes, its default
            size = values.size(m.value("size"), "size", Values.MAX_SIZE_BYTES, zero).orElse(0L).intValue();
        }
        if (m.has("blockSize")) block = blockSize(m.value("blockSize"));
        if (m.has("args")) args = argList(m.value("args"));
        if (m.has("mode")) mode = values.mode(m.value("mode"), "mode").orElse(null);
        if (m.has("launch")) launch = launch(m.value("launch"), "launch").orElse(null);
        if (problems.errors().size() != before || op.isEmpty() || paths.isEmpty()) return Optional.empty();
        return Optional.of(new TaskSpec(op.get(), paths, repeat, new OpOptions(size, block, args, mode, launch),
                problems.at(item), locs));
    }

    private int blockSize(Node n) {
        Optional<Long> v = values.size(n, "blockSize", MAX_BLOCK_BYTES);
        if (v.isEmpty()) return 0;
        long b = v.get();
        if (b < 512 || Long.bitCount(b) != 1) {
            problems.error(n, "`blockSize` must be a power of two and a multiple of 512 bytes (512, 4KiB, 64KiB, "
                    + "...) so O_DIRECT accepts it; found " + b + " bytes.");
            return 0;
        }
        return (int) b;
    }

    private List<String> argList(Node n) {
        if (!(n instanceof SequenceNode)) {
            problems.error(n, "`args` must be a list of arguments, e.g. `args: [-c, \"exit 0\"]`; found "
                    + Values.describe(n) + ".");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node a : ((SequenceNode) n).getValue()) {
            if (a instanceof ScalarNode && !a.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL)) {
                if (checks.noNul(a, "args", ((ScalarNode) a).getValue())) out.add(((ScalarNode) a).getValue());
            } else {
                problems.error(a, "Each of `args` must be one text argument; found " + Values.describe(a) + ".");
            }
        }
        return out;
    }

    private void pathList(Node n, String field, OpKind op, List<String> paths, List<SourceLocation> locs,
                          boolean legacy) {
        if (!(n instanceof SequenceNode) || ((SequenceNode) n).getValue().isEmpty()) {
            problems.error(n, "`" + field + "` must be a non-empty list of paths, e.g. `" + field + ": [a.txt, b.txt]`"
                    + (field.equals("paths") ? " (or use `path` for one)" : "") + "; found " + Values.describe(n) + ".");
            return;
        }
        for (Node p : ((SequenceNode) n).getValue()) {
            values.text(p, field + " entry", true).filter(s -> checks.noNul(p, field + " entry", s)).ifPresent(s -> {
                paths.add(s);
                locs.add(problems.at(p));
                if (op != null) checks.taskPath(op, p, s, legacy);
            });
        }
    }

    /** loder's early README called {@code fork} {@code syscall-fork}; such files still run. */
    private Optional<OpKind> legacyKind(Node n) {
        if (n instanceof ScalarNode && ((ScalarNode) n).getValue().equals("syscall-fork")) {
            problems.warn(n, "`syscall-fork` is the early loder name of `fork`; it runs as `fork`.");
            return Optional.of(OpKind.FORK);
        }
        return opKind(n, "kind");
    }

    private Optional<OpKind> opKind(Node n, String field) {
        Optional<String> name = values.text(n, field, false);
        if (name.isEmpty()) return Optional.empty();
        Optional<OpKind> op = OpKind.byName(name.get()).filter(k -> k.yamlName().equals(name.get()));
        if (op.isEmpty()) { // only the exact spelling: the schema, which editors check with, knows no other
            problems.error(n, "Unknown op `" + name.get() + "`." + Suggest.didYouMean(name.get(), OP_NAMES)
                    + " Expected one of: " + String.join(", ", OP_NAMES) + ".");
        }
        return op;
    }

    private Optional<Launch> launch(Node n, String field) {
        Optional<String> name = values.text(n, field, false);
        if (name.isEmpty()) return Optional.empty();
        Optional<Launch> l = Launch.byName(name.get()).filter(k -> k.yamlName().equals(name.get()));
        if (l.isEmpty()) {
            problems.error(n, "Unknown launch mechanism `" + name.get() + "`."
                    + Suggest.didYouMean(name.get(), LAUNCH_NAMES) + " Expected one of: "
                    + String.join(", ", LAUNCH_NAMES) + ".");
        }
        return l;
    }

    /** Records that {@code key} is missing from {@code m}, which should give {@code what}. */
    static <T> Optional<T> missing(Problems problems, YamlMap m, String key, String what) {
        problems.error(m.node(), "The key `" + key + "` is missing; expected " + what + ".");
        return Optional.empty();
    }
}
