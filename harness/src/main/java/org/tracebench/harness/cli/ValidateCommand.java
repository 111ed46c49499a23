package org.tracebench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.tracebench.loadgen.task.SafeYaml;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tracebench validate FILE...}: checks task files (legacy or v2) and suite files without running or writing
 * anything. A YAML map with a top-level {@code tracers} key is a suite and goes to the {@link SuiteValidator};
 * everything else is a task file: parsed, then safety-checked against its effective work root. Prints
 * {@code FILE: ok (...)} on stdout per valid file, problems and warnings on stderr. Exit 0 when every file is
 * valid, 2 when any is not.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks task files (legacy loder lists and v2 maps) and suite files without running anything.")
public final class ValidateCommand implements Callable<Integer> {

    /** The key that marks a suite file. */
    public static final String SUITE_KEY = "tracers";

    /** Validates one suite file; the harness plugs its suite parser in here. Must not run or write anything. */
    @FunctionalInterface
    public interface SuiteValidator {
        /**
         * @return problems as sentences starting with {@code file:line:column} (empty = valid), warnings, and for a
         *         valid file a short summary for the ok line, e.g. {@code "4 tracers, 6 workloads"}; {@code allowPaths}
         *         from {@code --allow-path}, added to the suite's own
         */
        Result validate(Path file, List<Path> allowPaths);

        /** The outcome of validating one suite file. */
        record Result(List<String> problems, List<String> warnings, String summary) {
            public Result {
                problems = List.copyOf(problems);
                warnings = List.copyOf(warnings);
            }
        }
    }

    /** Used until the harness registers a suite parser: says so instead of pretending the suite is valid. */
    static final SuiteValidator NO_SUITE_PARSER = (file, allow) -> new SuiteValidator.Result(List.of(file + ": This is a suite "
            + "file (it has a top-level `" + SUITE_KEY + "` key), and this build has no suite parser yet, so it "
            + "cannot be validated."), List.of(), "");

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Task or suite files to check.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--work-root", paramLabel = "DIR",
            description = "Check mutating paths against this work root instead of the file's `workRoot` (default "
                    + "/var/tmp/tracebench); task files only.")
    Path workRoot;

    @Option(names = "--allow-path", paramLabel = "DIR",
            description = "A further directory mutating ops may touch, as for `tracebench load`; repeatable.")
    List<Path> allowPaths = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N",
            description = "Expand {worker} for this many workers in the safety check (default: the file's `workers`);"
                    + " task files only.")
    Integer workers;

    @Spec CommandSpec spec;

    private final SuiteValidator suites;

    /** Without a suite parser: suite files are reported as not checkable. */
    public ValidateCommand() {
        this(NO_SUITE_PARSER);
    }

    /** With the harness's suite validator. */
    public ValidateCommand(SuiteValidator suites) {
        this.suites = Objects.requireNonNull(suites);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (workers != null && (workers < 1 || workers > org.tracebench.loadgen.task.Limits.MAX_WORKERS)) {
            err.println("--workers must be a whole number from 1 to " + org.tracebench.loadgen.task.Limits.MAX_WORKERS
                    + "; found " + workers + ".");
            return 2;
        }
        boolean allValid = true, envFailed = false;
        for (Path file : files) {
            try {
                boolean valid = SafeYaml.topLevelKeys(file).contains(SUITE_KEY) ? suite(file, out, err) : task(file, out, err);
                allValid &= valid;
            } catch (java.io.UncheckedIOException e) { // this machine failed the check (an inline task's temporary copy)
                err.println(e.getMessage());
                envFailed = true;
            }
        }
        out.flush();
        err.flush();
        return envFailed ? 1 : allValid ? 0 : 2;
    }

    private boolean task(Path file, PrintWriter out, PrintWriter err) {
        TaskFiles.Validation v = TaskFiles.validate(file, workRoot, allowPaths,
                workers == null ? OptionalInt.empty() : OptionalInt.of(workers));
        v.warnings().forEach(err::println);
        if (v.ok()) {
            TaskFile tf = v.file().orElseThrow();
            int n = tf.tasks().size();
            out.println(file + ": ok (" + n + (n == 1 ? " task" : " tasks") + ", format "
                    + (tf.format() == TaskFile.Format.V2 ? "v2" : "legacy") + ")");
            return true;
        }
        v.problems().forEach(err::println);
        int n = v.problems().size();
        err.println(file + ": invalid (" + n + (n == 1 ? " problem" : " problems") + ")");
        return false;
    }

    private boolean suite(Path file, PrintWriter out, PrintWriter err) {
        List<String> taskOnly = new ArrayList<>();
        if (workRoot != null) taskOnly.add("--work-root");
        if (workers != null) taskOnly.add("--workers");
        if (!taskOnly.isEmpty()) { // a suite's tasks keep their own workRoot and run with the suite's workers
            err.println(file + ": " + String.join(" and ", taskOnly) + (taskOnly.size() == 1 ? " applies" : " apply")
                    + " to task files only, and this is a suite: its tasks are checked against their own workRoot and"
                    + " the suite's workers. Validate the suite without " + String.join(" and ", taskOnly)
                    + ", or give its task files.");
            return false;
        }
        SuiteValidator.Result r = suites.validate(file, allowPaths);
        r.warnings().forEach(err::println);
        if (r.problems().isEmpty()) {
            out.println(file + ": ok (suite" + (r.summary().isBlank() ? "" : ", " + r.summary()) + ")");
            return true;
        }
        r.problems().forEach(err::println);
        int n = r.problems().size();
        err.println(file + ": invalid (" + n + (n == 1 ? " problem" : " problems") + ")");
        return false;
    }
}
