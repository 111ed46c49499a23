package org.tracebench.loadgen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tracebench.loadgen.op.LaunchMechanisms;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.result.ResultTable;
import org.tracebench.loadgen.result.ResultWriter;
import org.tracebench.loadgen.run.Engine;
import org.tracebench.loadgen.run.RunConfig;
import org.tracebench.loadgen.run.WorkRootRefusedException;
import org.tracebench.loadgen.sys.JdkInternals;
import org.tracebench.loadgen.task.TaskFile;
import org.tracebench.loadgen.task.TaskFileException;
import org.tracebench.loadgen.task.TaskFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.tracebench.loadgen.task.Limits;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tracebench load FILE}: runs a task file and prints a table; exit 0 ok, 1 runtime failure (including a
 * fail-fast stop), 2 bad input (nothing run, nothing written). With {@code --control stdio} it speaks the control
 * protocol of docs/design.md on stdout and prints everything else to stderr.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a task file (legacy loder list or v2 map) and reports throughput, latency and ground truth.")
public final class LoadCommand implements Callable<Integer> {
    /** Loads a task file; the real one is {@link TaskFiles#load}, tests may pass their own. */
    @FunctionalInterface
    public interface Loader {
        TaskFile load(Path file) throws TaskFileException;
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "The task file.")
    Path file;
    @Option(names = "--workers", paramLabel = "N", description = "Worker threads (default: task file, else 1).")
    Integer workers;
    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Measured run time, e.g. 10s, 2m (default: task file, else 10s).")
    Duration duration;
    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.OrZero.class,
            description = "Warm-up before measuring, not counted (default: task file, else 1s).")
    Duration warmup;
    @Option(names = "--rate", paramLabel = "R",
            description = "Open loop: iterations per second per worker, latencies from the intended start.")
    Double rate;
    @Option(names = "--work-root", paramLabel = "DIR", description = "Directory relative task paths resolve in (default: task file, else /var/tmp/tracebench).")
    Path workRoot;
    @Option(names = "--allow-path", paramLabel = "DIR", description = "Further directory mutating ops may touch.")
    List<Path> allowPaths = new ArrayList<>();
    @Option(names = "--json", paramLabel = "FILE", description = "Write the result JSON (and a .hlog beside it).")
    Path json;
    @Option(names = "--keep", description = "Keep the files the run created.")
    boolean keep;
    @Option(names = "--fail-fast", description = "End the run at the first failed operation (exit 1).")
    boolean failFast;
    @Option(names = "--control", paramLabel = "stdio", description = "Harness control protocol on stdin/stdout.")
    String control;

    @Spec
    CommandSpec spec;

    private final Loader loader;
    private final InputStream stdin;

    public LoadCommand() {
        this(TaskFiles::load, System.in);
    }

    /** For tests: a custom task loader and the control-protocol input. */
    public LoadCommand(Loader loader, InputStream stdin) {
        this.loader = loader;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean controlMode = control != null;
        String bad = checkOptions();
        if (bad != null) {
            err.println(bad);
            err.flush();
            return 2;
        }
        PrintWriter human = controlMode ? err : out;
        ControlChannel ch = controlMode ? new ControlChannel(stdin, out) : null;
        TaskFile task;
        RunConfig cfg;
        try {
            task = loader.load(file);
            task.warnings().forEach(err::println);
            Path root = TaskFiles.effectiveWorkRoot(task, workRoot);
            int n = workers != null ? workers : task.workers().orElse(RunConfig.DEFAULT_WORKERS);
            TaskFiles.checkSafety(task, root, allowPaths, n);
            String badJson = checkJson(root);
            if (badJson != null) {
                err.println(badJson);
                err.flush();
                return 2;
            }
            LaunchMechanisms.Applied launch = LaunchMechanisms.apply(task);
            launch.warning().ifPresent(w -> { err.println(w); err.flush(); });
            if (!JdkInternals.available()) {
                err.println("Note: read, open, truncate, readdir and exec ops use the public JDK APIs (more user-space work per"
                        + " call, and extra fstat/lseek for truncate) because " + JdkInternals.unavailableReason() + ".");
                err.flush();
            }
            // not for a load that forks or execs: its stat is File.exists() on purpose
            if (LoadJvmOptions.foreignStatPays(task.tasks().stream().map(t -> t.op()).toList())
                    && !org.tracebench.loadgen.sys.ForeignStat.available()) {
                err.println("Note: stat ops go through File.exists() (JNI and a path conversion per call, about 240 ns more"
                        + " than C's stat) because " + org.tracebench.loadgen.sys.ForeignStat.unavailableReason() + ".");
                err.flush();
            }
            cfg = RunConfig.resolve(task, workers, duration, warmup, rate, root, allowPaths, keep, failFast,
                    launch.mechanism());
        } catch (TaskFileException e) {
            e.problems().forEach(err::println);
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("The run parameters are invalid: " + e.getMessage() + ".");
            err.flush();
            return 2;
        }
        Engine engine = new Engine(cfg);
        try {
            engine.prepare();
            if (ch != null) {
                err.println(engine.jitWarmupSummary());
                err.flush();
            }
            boolean go = true;
            if (ch != null) {
                ch.ready(ProcessHandle.current().pid(), engine);
                go = ch.awaitGo(engine, err);
                if (go) {
                    ch.watchForStop();
                    ch.startProgress();
                } else {
                    engine.stop();
                }
            }
            LoadResult result;
            try {
                result = engine.run();
            } finally {
                if (ch != null) ch.stopProgress();
            }
            if (ch != null) ch.end(engine.windowNanos()); // the harness closes its window here, not after the result is written
            // after the window and before cleanup removes the work root: how tracers that resolve paths name them
            result = result.withRealPaths();
            // under a harness (control mode) the directory is the harness's trial directory: never recreated here
            Path written = json == null ? null : ResultWriter.write(result, json, ch == null);
            boolean failed = result.failure().isPresent();
            // DONE goes out before the work root is cleaned and the table printed: the harness reads the result and
            // stops the tracer meanwhile (it waits for this process to exit before it removes the work root).
            if (ch != null && !failed) ch.done(written);
            try {
                engine.cleanup();
            } catch (IOException e) {
                if (ch == null || failed) throw e;
                err.println("The result is written, but cleaning up the work root failed: " + clause(e.getMessage()) + ".");
                err.flush();
                return 1;
            }
            human.print(ResultTable.format(result));
            if (written != null) human.println("result: " + written);
            human.flush();
            if (failed) {
                if (ch != null) ch.error("The run stopped at the first failure (--fail-fast): " + result.failure().get());
                return 1;
            }
            return ch == null ? judgeErrors(result, err) : 0; // under a harness, the harness judges the trial

        } catch (WorkRootRefusedException e) {
            cleanupQuietly(engine, err); // removes nothing: the snapshot was not taken
            err.println(e.getMessage());
            err.flush();
            if (ch != null) ch.error(e.getMessage());
            return 2;
        } catch (IOException e) {
            cleanupQuietly(engine, err);
            return fatal(ch, err, "The load run failed: " + clause(e.getMessage()) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanupQuietly(engine, err);
            return fatal(ch, err, "The load run was interrupted.");
        } catch (OutOfMemoryError e) {
            cleanupQuietly(engine, err);
            if (String.valueOf(e.getMessage()).contains("unable to create native thread")) return fatal(ch, err, noThread(e));
            return fatal(ch, err, "The load run ran out of memory (" + e.getMessage() + "); lower `size` or `workers` in "
                    + "the task file (every worker holds a buffer of `size` bytes per read, write, fsync and direct op), "
                    + "or give the load generator more with TRACEBENCH_JAVA_OPTS (-Xmx, -XX:MaxDirectMemorySize)");
        } catch (RuntimeException e) {
            cleanupQuietly(engine, err);
            e.printStackTrace(err);
            return fatal(ch, err, "The load run failed unexpectedly: " + e + ".");
        }
    }

    /**
     * Exit 1 with a sentence when the run completed no operation; a warning when too many of the attempted ones failed
     * ({@link LoadResult#tooManyFailed}: a harness counts such a trial as invalid).
     */
    static int judgeErrors(LoadResult result, PrintWriter err) {
        long done = result.completedOps(), failedOps = result.failedOps();
        String first = failedOps == 0 ? "" : "; first: " + String.join(" | ", result.firstErrors(2));
        if (done == 0) {
            err.println("The load completed no operation in its measured window" + (failedOps == 0 ? ""
                    : " (all " + failedOps + " attempted operations failed" + first + ")") + ", so it measured"
                    + " nothing; fix the cause and run it again.");
            err.flush();
            return 1;
        }
        if (LoadResult.tooManyFailed(done, failedOps, result.workers())) {
            err.println(String.format(java.util.Locale.ROOT, "Warning: %d of %d attempted operations (%.1f%%) failed%s;"
                    + " its throughput counts only the successful ones, and `tracebench run` would count such a trial"
                    + " as invalid.", failedOps, done + failedOps, 100.0 * failedOps / (done + failedOps), first));
            err.flush();
        }
        return 0;
    }

    /**
     * The JVM could not start a thread (or a child's reaper thread): mostly the limit on processes and threads
     * (ulimit -u, RLIMIT_NPROC, which counts every thread of the user) or the cgroup's pids.max, not the heap.
     */
    static String noThread(OutOfMemoryError e) {
        return "The load run could not start a thread (" + e.getMessage() + "): the limit on processes and threads was"
                + " reached (ulimit -u, " + ProcessLimits.describe() + "; every worker is a thread, and exec and fork"
                + " ops start a process and a thread per operation); raise it (ulimit -u unlimited) or lower `workers`"
                + " in the task file.";
    }

    /** Checks option values picocli cannot; returns a sentence naming the flag, or null. */
    private String checkOptions() {
        if (workers != null && (workers < 1 || workers > Limits.MAX_WORKERS)) {
            return "--workers must be a whole number from 1 to " + Limits.MAX_WORKERS + "; found " + workers + ".";
        }
        if (rate != null && !(rate > 0 && rate <= Limits.MAX_RATE)) {
            return "--rate must be a number greater than 0 and at most " + (long) Limits.MAX_RATE + " (iterations per "
                    + "second per worker); found " + rate + ".";
        }
        if (control != null && !control.equals("stdio")) return "--control accepts only 'stdio', got '" + control + "'.";
        if (control != null && json == null) return "--control stdio needs --json FILE: the result is reported by path.";
        return null;
    }

    /**
     * Refuses a {@code --json} path the run would lose or that would destroy something: a directory, a path under a
     * file, the task file itself (or its .hlog), or a path in the work root, whose new files cleanup removes (unless
     * --keep). Returns a sentence naming --json, or null.
     */
    private String checkJson(Path root) {
        if (json == null) return null;
        Path abs = json.toAbsolutePath().normalize();
        Path hlog = ResultWriter.histogramLogPath(abs);
        if (java.nio.file.Files.isDirectory(abs)) return "--json " + json + " is a directory; give the path of a file to write.";
        Path existing = abs.getParent();
        while (existing != null && !java.nio.file.Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !java.nio.file.Files.isDirectory(existing)) {
            return "--json " + json + " lies under " + existing + ", which is a file; give a path in a directory.";
        }
        for (Path p : List.of(abs, hlog)) {
            if (sameFile(p, file)) {
                return "--json " + json + " would overwrite the task file " + file + (p.equals(abs) ? "" : " with its .hlog")
                        + "; give another path.";
            }
        }
        Path realJson = TaskFiles.realPath(abs);
        Path realRoot = TaskFiles.realPath(root);
        if (!keep && realJson.startsWith(realRoot)) {
            return "--json " + json + " lies in the work root " + root + ", whose new files the run removes at the end;"
                    + " write the result outside it (or add --keep).";
        }
        return null;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b)) return java.nio.file.Files.isSameFile(a, b);
        } catch (IOException e) {
            // compared by name below
        }
        return TaskFiles.realPath(a.toAbsolutePath()).equals(TaskFiles.realPath(b.toAbsolutePath()));
    }

    /** {@code message} without its final period, to go inside a sentence. */
    private static String clause(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static int fatal(ControlChannel ch, PrintWriter err, String sentence) {
        err.println(sentence);
        err.flush();
        if (ch != null) ch.error(sentence);
        return 1;
    }

    private static void cleanupQuietly(Engine engine, PrintWriter err) {
        try {
            engine.cleanup();
        } catch (IOException | RuntimeException e) {
            err.println("Cleanup failed too: " + clause(e.getMessage()) + ".");
        }
    }

    /** A command line for this command alone, as LoadMain and tests use it. */
    public static CommandLine commandLine(LoadCommand cmd) {
        return new CommandLine(cmd);
    }
}
