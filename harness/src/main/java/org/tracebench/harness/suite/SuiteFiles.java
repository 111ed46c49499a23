package org.tracebench.harness.suite;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.harness.suite.Suite.TaskRef;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.loadgen.task.TaskFileException;
import org.tracebench.loadgen.task.TaskFiles;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Validation of whole suites (the suite itself, every task it names, every tracer and its options) for {@code tracebench validate} and {@code run}. */
public final class SuiteFiles {
    private SuiteFiles() {}

    /**
     * True when {@code file} looks like a suite rather than a task file: its schema comment names
     * {@code suite.schema.json}, or it is a map with a key only suites have ({@code tracers}, {@code repetitions}).
     */
    public static boolean isSuite(Path file) {
        try {
            String text = new String(org.tracebench.loadgen.task.SafeYaml.read(file), StandardCharsets.UTF_8);
            if (text.contains("suite.schema.json")) return true;
            if (text.length() > YamlNodes.MAX_CODE_POINTS) return false;
            Node root;
            try (Reader r = new java.io.StringReader(text)) {
                root = YamlNodes.safeYaml().compose(r);
            }
            if (!(root instanceof MappingNode m)) return false;
            for (NodeTuple t : m.getValue()) {
                String k = YamlNodes.scalar(t.getKeyNode());
                if ("tracers".equals(k) || "repetitions".equals(k) || "samplingInterval".equals(k)) return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Every problem of the suite: its own syntax, then each task file (parsed with {@link TaskFiles#load}) and each
     * tracer name against {@code knownTracers}. Empty when the suite is runnable. Nothing is run or written
     * (inline tasks are checked from a temporary file that is deleted; UncheckedIOException, with a whole sentence,
     * when it cannot be written).
     */
    public static List<String> validate(Path file, Collection<String> knownTracers) {
        Map<String, Map<String, String>> unknownOptions = new LinkedHashMap<>();
        for (String n : knownTracers) unknownOptions.put(n, null);
        return validate(file, unknownOptions, List.of());
    }

    /**
     * {@link #validate(Path, Collection)} that also checks tracer options ({@link #validate(Suite, Map)}), with
     * {@code moreAllowPaths} (a command line's {@code --allow-path}) beside the suite's own. Unknown
     * tracer names are found while parsing, with their line and column; when they were the suite's only syntax
     * problems, its task files are checked as well, so one run lists everything.
     */
    public static List<String> validate(Path file, Map<String, Map<String, String>> knownTracers, List<Path> moreAllowPaths) {
        try {
            return validate(SuiteParser.parse(file, knownTracers.isEmpty() ? null : knownTracers.keySet())
                    .withMoreAllowPaths(moreAllowPaths), knownTracers);
        } catch (SuiteException e) {
            List<String> problems = new ArrayList<>(e.problems());
            try {
                Suite suite = SuiteParser.parse(file).withMoreAllowPaths(moreAllowPaths);
                for (TaskRef t : suite.tasks()) problems.addAll(checkTask(suite, t));
            } catch (SuiteException other) {
                // problems beyond tracer names: e.problems() has them all
            }
            return problems.stream().distinct().toList();
        }
    }

    /** Checks an already parsed suite's tasks and tracer names; see {@link #validate(Path, Collection)}. */
    public static List<String> validate(Suite suite, Collection<String> knownTracers) {
        Map<String, Map<String, String>> unknownOptions = new LinkedHashMap<>();
        for (String n : knownTracers) unknownOptions.put(n, null);
        return validate(suite, unknownOptions);
    }

    /**
     * Checks an already parsed suite's tasks, tracer names and tracer options: {@code knownTracers} maps each
     * registered tracer to its {@code Tracer.options()} (null: its options are not checked). An empty map checks no
     * tracer at all.
     */
    public static List<String> validate(Suite suite, Map<String, Map<String, String>> knownTracers) {
        List<String> problems = new ArrayList<>();
        for (TaskRef t : suite.tasks()) problems.addAll(checkTask(suite, t));
        java.util.Set<String> reported = new java.util.HashSet<>(); // a matrix repeats each option per configuration
        for (TracerSpec t : suite.tracers()) {
            if (knownTracers.isEmpty()) continue;
            if (!knownTracers.containsKey(t.name())) {
                if (reported.add(t.name())) {
                    problems.add(TracerParsing.unknownTracer(suite.source().toString(), t.name(), knownTracers.keySet()));
                }
                continue;
            }
            Map<String, String> options = knownTracers.get(t.name());
            if (options == null) continue;
            for (String key : t.options().keySet()) {
                String at = suite.at(Suite.optionKey(t.label(), key)); // each entry's own line; a matrix's once
                if (options.containsKey(key) || !reported.add(t.name() + "\0" + key + "\0" + at)) continue;
                problems.add(at + ": The tracer " + t.name() + " has no option '" + key + "'."
                        + YamlNodes.suggestion(key, options.keySet())
                        + (options.isEmpty() ? " It takes no options."
                           : " Its options: " + String.join(", ", new java.util.TreeSet<>(options.keySet())) + "."));
            }
        }
        return problems.stream().distinct().toList(); // a refused allowPaths entry is found in every task
    }

    /** The most workers any trial runs the task with: {worker} paths are checked for each of them. */
    private static java.util.OptionalInt maxWorkers(Suite suite) {
        return suite.workers().stream().mapToInt(Integer::intValue).max();
    }

    /**
     * The load generator's problems, with the suite's way out where a path lies outside the work root: the suite's
     * {@code allowPaths} or run's {@code --allow-path} (the load generator's own message names only the latter). A
     * refused directory the suite file lists is named at its {@code allowPaths} entry, not as a flag of a task file.
     */
    private static List<String> inSuite(Suite suite, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            String moved = null;
            for (Path a : suite.allowPaths()) {
                String flag = "--allow-path " + a + " ";
                int i = p.indexOf(flag);
                if (i < 0) continue;
                String key = Suite.allowPathKey(a);
                String rest = p.substring(i + flag.length());
                moved = suite.where().containsKey(key) ? suite.at(key) + ": The 'allowPaths' entry " + a + " " + rest
                        : flag.strip() + " " + rest; // run's own flag: no task file to blame
                break;
            }
            if (moved != null) {
                out.add(moved);
                continue;
            }
            out.add(p.contains(", outside the work root ") ? p + " In a suite, list the directory under 'allowPaths' "
                    + "(relative to " + suite.source().getFileName() + ") or pass --allow-path DIR to tracebench run." : p);
        }
        return out;
    }

    /**
     * The sentence for an inline task whose temporary copy (in java.io.tmpdir) could not be written: an environment
     * failure that says nothing about the suite, so callers exit 1, not 2.
     */
    static String temporaryCopyFailed(Suite suite, TaskRef t, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
        return suite.at(Suite.taskKey(t.name())) + ": The inline task '" + t.name() + "' could not be checked because its"
                + " temporary copy could not be written in the temporary directory " + System.getProperty("java.io.tmpdir")
                + " (java.io.tmpdir): " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why) + ". The suite"
                + " was not judged; free space there, or choose another with TRACEBENCH_JAVA_OPTS=-Djava.io.tmpdir=DIR.";
    }

    private static List<String> checkTask(Suite suite, TaskRef t) {
        if (!t.inline()) {
            if (Files.isDirectory(t.file())) {
                return List.of(suite.at(Suite.taskKey(t.name())) + ": The task file " + t.file() + " is a directory; "
                        + "give a task file (YAML) relative to the suite's directory.");
            }
            if (!Files.isRegularFile(t.file())) {
                return List.of(suite.at(Suite.taskKey(t.name())) + ": The task file " + t.file() + " (workload '" + t.name()
                        + "') does not exist; task paths are relative to the suite's directory.");
            }
            return inSuite(suite, TaskFiles.validate(t.file(), null, suite.allowPaths(), maxWorkers(suite)).problems());
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("tracebench-inline-" + t.name() + "-", ".yaml");
            boolean asWritten = t.inlineSource() != null; // same lines and columns as the suite file
            Files.writeString(tmp, asWritten ? t.inlineSource() : t.inlineYaml(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String p : inSuite(suite, TaskFiles.validate(tmp, null, suite.allowPaths(), maxWorkers(suite)).problems())) {
                if (asWritten && p.startsWith(tmp + ":")) { // the temporary file is gone: name the suite's line
                    String rest = p.substring(tmp.toString().length()).replace(tmp.getFileName().toString(), "inline task '" + t.name() + "'");
                    out.add(suite.source() + rest + (rest.endsWith(".") ? "" : ".") + " (in inline task '" + t.name() + "')");
                } else if (p.startsWith("--allow-path ")) {
                    out.add(p); // run's or validate's own flag, named as such for every task
                } else {
                    out.add(suite.at(Suite.taskKey(t.name())) + ": In inline task '" + t.name() + "': "
                            + p.replace(tmp.toString(), "the task").replace(tmp.getFileName().toString(), "the task"));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(temporaryCopyFailed(suite, t, e), e); // this machine's fault, not the suite's
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left in /tmp is harmless
                }
            }
        }
    }
}
