package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.ResultsReader;
import org.tracebench.harness.report.RunDifferences;
import org.tracebench.harness.report.TerminalSummary;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.results.Sessions;
import org.tracebench.harness.sampling.Machine;
import org.tracebench.harness.suite.Durations;
import org.tracebench.harness.suite.SuiteParser;
import org.tracebench.harness.suite.SuiteException;
import org.tracebench.harness.trial.Leftovers;
import org.tracebench.harness.trial.ProgressLine;
import org.tracebench.harness.trial.SuiteRunner;
import org.tracebench.harness.trial.TrialRunner;
import org.tracebench.harness.trial.TrialSettings;
import org.tracebench.tracers.Tracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tracebench run SUITE}: runs every trial of a suite (or the missing ones of {@code --resume DIR}) and
 * prints a summary table. Exit codes: 0 all trials ran (some may be invalid: see the table), 1 runtime failure
 * (the results directory gone or not writable: the run stops there), 2 bad input or not runnable here (bad suite,
 * unknown or, with --strict, unavailable tracer, not root, another run holding the results directory or, without
 * --allow-concurrent-runs, running trials on this machine),
 * 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM: the JVM exits with 128 + the signal once the cleanup is done
 * (finished trials are kept; the message gives the --resume command).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a suite: every tracer against every workload, measured, checked and recorded.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "The suite file, e.g. tasks/quick.yaml.")
    Path suiteFile;
    @Option(names = "--tracers", paramLabel = "a,b", split = ",", description = "These tracers instead of the suite's (none is always added; all: every tracer).")
    List<String> tracers;
    @Option(names = "--repetitions", paramLabel = "N", description = "Repetitions of each configuration.")
    Integer repetitions;
    @Option(names = "--duration", paramLabel = "D", description = "Measured time of each trial, e.g. 5s.")
    String duration;
    @Option(names = "--warmup", paramLabel = "D", description = "Unmeasured time under the tracer before each window, e.g. 1s or 0s.")
    String warmup;
    @Option(names = "--out", paramLabel = "DIR", description = "Where results/<suite>-<timestamp>/ is created (default: results).")
    Path out = Path.of("results");
    @Option(names = "--resume", paramLabel = "DIR", description = "Run only the trials missing in this results directory.")
    Path resume;
    @Option(names = "--dry-run", description = "Print the plan and the estimated time; run nothing.")
    boolean dryRun;
    @Option(names = "--allow-path", paramLabel = "DIR", description = "A further directory where tasks may write, delete,"
            + " rename, chmod or link (repeatable; added to the suite's allowPaths).")
    List<Path> allowPaths = new java.util.ArrayList<>();
    @Option(names = "--strict", description = "Fail when a tracer of the suite is unavailable instead of skipping it.")
    boolean strict;
    @Option(names = "--allow-concurrent-runs", description = "Run even while another tracebench run is running trials on"
            + " this machine (both then measure each other; manifest.json records the overlap).")
    boolean allowConcurrentRuns;

    @Spec
    CommandSpec spec;

    private final Supplier<List<Tracer>> registry;
    /** The root check; tests replace it to see the not-root path. */
    BooleanSupplier isRoot = LongRun.EFFECTIVE_ROOT;
    /** Held while trials run, machine-wide (tmpfs, gone at boot); tests give their own file. */
    Path machineLock = MACHINE_LOCK;
    static final Path MACHINE_LOCK = Path.of("/run/tracebench/trials.lock");

    public RunCommand() {
        this.registry = () -> RunPlanning.registeredTracers(isRoot.getAsBoolean()); // probed as the root hook says
    }

    /** For tests: a given set of tracer backends. */
    public RunCommand(Supplier<List<Tracer>> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        if ((suiteFile == null) == (resume == null)) {
            e.println("Give either a SUITE file or --resume DIR (exactly one).");
            return 2;
        }
        if (resume != null) {
            List<String> settings = java.util.stream.Stream.of("--tracers", "--repetitions", "--duration", "--warmup", "--out",
                            "--allow-path")
                    .filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
            if (!settings.isEmpty()) {
                e.println(String.join(", ", settings) + (settings.size() == 1 ? " does" : " do")
                        + " not go with --resume: a resumed suite runs its missing trials with the settings recorded in "
                        + resume.resolve("manifest.json") + ", into the same directory.");
                return 2;
            }
        }
        java.util.Optional<String> lineBreak = resume != null ? OutDirs.lineBreak("--resume", resume) : OutDirs.lineBreak("--out", out);
        if (lineBreak.isPresent()) {
            e.println(lineBreak.get());
            return 2;
        }
        if (resume == null) {
            java.util.Optional<String> refused = OutDirs.problem("--out", out);
            if (refused.isPresent()) {
                e.println(refused.get());
                return 2;
            }
        }
        Duration durationOverride;
        Duration warmupOverride;
        try {
            durationOverride = durationOption("--duration", duration, false);
            warmupOverride = durationOption("--warmup", warmup, true);
        } catch (IllegalArgumentException ex) {
            e.println(ex.getMessage());
            return 2;
        }
        if (repetitions != null && (repetitions < 1 || repetitions > SuiteParser.MAX_REPETITIONS)) {
            e.println("--repetitions must be a whole number from 1 to " + SuiteParser.MAX_REPETITIONS + "; found "
                    + repetitions + ".");
            return 2;
        }
        // without root, a dry run plans the tracers that lack only root as a run as root would, and a real run plans
        // them too, so that the root check below names them before any of them is skipped or found missing
        boolean root = isRoot.getAsBoolean();
        RunPlanning planning = new RunPlanning(registry.get(), strict, !root, e);
        RunPlanning.Planned plan;
        try {
            plan = resume != null ? planning.resume(resume) : planning.fresh(suiteFile, tracers, repetitions, durationOverride, warmupOverride, allowPaths);
        } catch (SuiteException ex) {
            ex.problems().forEach(e::println);
            return 2;
        } catch (IOException ex) {
            e.println(ex.getMessage());
            return 1;
        }
        String notRoot = dryRun ? null : RunPlanning.rootProblem(plan, () -> root);
        if (notRoot != null) {
            e.println(notRoot);
            return 2;
        }
        plan.skipped().forEach((name, reason) -> e.println("Skipping tracer " + name + ": " + reason));
        try {
            plan.pinning().cpus(org.tracebench.harness.trial.CpuAffinity.allowedCpus());
        } catch (IllegalArgumentException | IOException ex) {
            e.println("The suite's 'pinning: " + plan.pinning().yamlName() + "' cannot be applied here: " + ex.getMessage());
            return 2;
        }
        List<String> unrecognisable = RunPlanning.sentinelProblems(plan, out, resume);
        if (!unrecognisable.isEmpty()) { // every trial of that tracer would fail at attach
            unrecognisable.forEach(e::println);
            return 2;
        }
        if (dryRun) {
            java.util.function.Predicate<org.tracebench.harness.suite.TrialSpec> finished = t -> false, recorded = t -> false,
                    again = t -> false;
            if (resume != null) {
                try {
                    ResultsDir rd = ResultsDir.open(resume);
                    List<org.tracebench.harness.suite.TrialSpec> toRun = rd.toRun(plan.trials());
                    finished = t -> !toRun.contains(t);
                    recorded = rd::recorded;
                    again = t -> toRun.contains(t) && rd.finished(t);
                } catch (IOException ex) {
                    e.println(ex.getMessage());
                    return 1;
                }
            }
            PlanPrinting.printPlan(plan, finished, recorded, again, o);
            return 0;
        }
        return execute(plan, o, e);
    }

    /**
     * Before anything is measured: warns when another harness is running trials here, and removes what runs killed
     * with SIGKILL left ({@link Leftovers}), since a tracer or a tracefs instance left enabled taxes every system
     * call of the machine, none's included.
     */
    static void prepareMachine(PrintWriter o, PrintWriter e) {
        try {
            java.util.SortedSet<Long> others = org.tracebench.tracers.sys.Cgroups.otherLiveOwners();
            if (!others.isEmpty()) {
                e.println("Warning: another tracebench process (pid " + others.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")) + ") is running trials on this machine:"
                        + " its load and tracers compete with this run's for the CPUs, so both runs measure each other;"
                        + " let it finish first (the other-processes warning names the trials it overlapped).");
                e.flush();
            }
        } catch (IOException ex) {
            // no cgroup v2 listing: nothing to tell
        }
        Leftovers left;
        try {
            left = Leftovers.find(org.tracebench.loadgen.task.TaskFiles.DEFAULT_WORK_ROOT);
        } catch (IOException ex) {
            e.println("Could not look for what killed tracebench runs left behind: " + ex.getMessage()
                    + "; tracebench doctor lists it.");
            return;
        }
        if (left.isEmpty()) return;
        List<String> removed = new ArrayList<>();
        left.remove(removed::add, f -> e.println("Could not remove what a killed tracebench run left behind, " + f
                + "; it may slow every trial (tracebench doctor lists it)."));
        if (!removed.isEmpty()) o.println("Removed what killed tracebench runs left behind: " + String.join(", ", removed) + ".");
        o.flush();
    }

    /** Runs holding the results directory's and the machine's locks ({@link RunLocks}); exit 2 when another run holds one. */
    private int execute(RunPlanning.Planned plan, PrintWriter o, PrintWriter e) {
        try (RunLocks locks = RunLocks.take(resume, machineLock, allowConcurrentRuns, e)) {
            return locks.refusal() != 0 ? locks.refusal() : execute(plan, locks, o, e);
        }
    }

    private int execute(RunPlanning.Planned planned, RunLocks locks, PrintWriter o, PrintWriter e) {
        RunPlanning.Planned plan = planned;
        prepareMachine(o, e);
        ResultsDir dir;
        try {
            if (resume != null) {
                dir = ResultsDir.open(resume); // locked by the caller
            } else {
                RunPlanning.Created created = RunPlanning.createResults(plan, out);
                dir = created.dir();
                locks.hold(dir); // no other run knows its name yet
                plan = plan.withTrials(created.trials());
            }
        } catch (IOException ex) {
            e.println("Could not create the results directory: " + ex.getMessage());
            return 1;
        }
        boolean toRun = !dir.toRun(plan.trials()).isEmpty();
        if (resume != null && toRun && !recordSession(dir, plan.tracers().values(), e)) return 1;
        if (toRun && !locks.recordOverlap(dir, e)) return 1;
        Machine machine = new Machine(); // starts the sampler's warm-up: after the early returns, which end the JVM
        o.println("Results: " + dir.dir());
        o.flush();
        TrialSettings settings = TrialSettings.forThisJvm(plan.duration(), plan.warmup(), plan.samplingInterval(), machine)
                .withPinning(plan.pinning()).withAllowPaths(plan.allowPaths());
        Duration perTrial = PlanPrinting.estimatedTrial(plan);
        ProgressLine progress = new ProgressLine(o, System.console() != null, perTrial);
        SuiteRunner runner = new SuiteRunner(new TrialRunner(settings, dir), dir, plan.cooldown(), progress);

        LongRun guard = LongRun.interruptOnShutdown("tracebench-run-interrupt");
        SuiteRunner.Outcome outcome;
        try {
            try {
                outcome = runner.run(plan.trials(), plan.tracers(), e);
                dir.checkPresent(); // gone after its last trial: no summary is written into nowhere
            } catch (org.tracebench.harness.results.ResultsWriteException ex) {
                o.flush();
                e.println(ex.getMessage());
                return 1;
            }
            Thread.interrupted(); // a late interrupt must not break the summary below
            try {
                org.tracebench.harness.report.Summaries.write(dir.dir());
            } catch (IOException ex) {
                e.println("Could not write summary.csv/summary.json: " + ex.getMessage());
            }
            if (outcome.interrupted()) {
                o.println();
                o.println("Interrupted: " + outcome.ran() + " trial(s) finished in this run are kept in " + dir.dir() + ".");
                o.println("Continue with: ./tracebench run --resume " + dir.dir());
                o.flush();
                return 130;
            }
            try {
                o.print(TerminalSummary.text(Analysis.of(ResultsReader.read(dir.dir()))));
                o.print(org.tracebench.harness.fidelity.FidelityReport.terminal(dir.dir())); // issue 7
            } catch (IOException ex) {
                e.println("Could not read the results back for the summary table: " + ex.getMessage());
            }
            o.println(wallTimeLine(outcome));
            outcome.invalidReasons().forEach(r -> o.println("invalid: " + r));
            o.println("Results: " + dir.dir() + " (report.md and charts: ./tracebench report " + dir.dir() + ")");
            o.flush();
            return 0;
        } finally {
            o.flush();
            e.flush();
            guard.close();
        }
    }

    /**
     * Appends this resumed session to {@code dir}'s manifest.json ({@link Sessions}) and warns, without refusing,
     * when what its trials are measured on differs from the run's first session; false (said on {@code e}) when
     * the manifest cannot be written, so that no trial runs unrecorded.
     */
    static boolean recordSession(ResultsDir dir, java.util.Collection<Tracer> tracers, PrintWriter e) {
        String v = RunCommand.class.getPackage().getImplementationVersion();
        Map<String, Object> manifest;
        try {
            manifest = Sessions.append(dir, Sessions.current(tracers, v == null ? "dev" : v));
        } catch (IOException ex) {
            e.println("Could not record this resumed session in " + dir.dir().resolve("manifest.json") + ", so nothing"
                    + " was run: " + ex.getMessage());
            return false;
        }
        List<List<RunDifferences.Difference>> sessions = RunDifferences.sessions(manifest);
        List<RunDifferences.Difference> changed = sessions.get(sessions.size() - 1);
        if (!changed.isEmpty()) {
            e.println("Warning: " + dir.dir() + " began on another machine or other software than this resumed session"
                    + " runs on (" + RunDifferences.arrows(changed) + "), so its trials before and after this point do"
                    + " not measure the same thing; report and compare will say so. To compare its tracers like with"
                    + " like, run the suite again in one session.");
            e.flush();
        }
        return true;
    }

    /** The option's duration, or null when it was not given; the message names the option and what it needs. */
    static Duration durationOption(String option, String value, boolean zeroOk) {
        if (value == null) return null;
        try {
            return org.tracebench.loadgen.task.DurationText.parse(value, zeroOk);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(option + " " + ex.getMessage(), ex);
        }
    }

    /** Registry names, in registry order. */
    static List<String> names(List<Tracer> tracers) {
        List<String> n = new ArrayList<>();
        for (Tracer t : tracers) n.add(t.name());
        return n;
    }

    /** Each backend's {@code options()} by registry name, in registry order, for suite validation. */
    static Map<String, Map<String, String>> options(List<Tracer> tracers) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (Tracer t : tracers) m.put(t.name(), t.options());
        return m;
    }

    /** Backends by registry name. */
    static Map<String, Tracer> byName(List<Tracer> tracers) {
        Map<String, Tracer> m = new LinkedHashMap<>();
        for (Tracer t : tracers) m.put(t.name(), t);
        return m;
    }

    /** "The option OPTION names an unknown tracer 'NAME'. Did you mean ...? Known tracers: ...", for run and micro. */
    static String unknownTracer(String option, String name, java.util.Collection<String> known) {
        return "The option " + option + " names an unknown tracer '" + name + "'."
                + org.tracebench.loadgen.task.Suggest.nearest(name, known).map(x -> " Did you mean '" + x + "'?").orElse("")
                + " Known tracers: " + String.join(", ", known) + ".";
    }

    /**
     * "Ran N trial(s) (...) in W s for M s of measurement windows (W/M×): U s of warm-up, B s between windows
     * (...)": where the wall time went, so that what the suite asks for (warm-up, cooldown) and what the harness
     * adds (load start, tracer attach and stop, results) can be told apart. The cooldown is the least gap between
     * one window's end and the next GO; the next load's start overlaps it.
     */
    static String wallTimeLine(org.tracebench.harness.trial.SuiteRunner.Outcome r) {
        String head = String.format(java.util.Locale.ROOT, "Ran %d trial(s) (%d already finished, %d invalid) in %.0f s",
                r.ran(), r.skippedFinished(), r.invalid(), r.wallSeconds());
        if (!(r.measuredSeconds() > 0)) return head + ".";
        double between = Math.max(0, r.wallSeconds() - r.measuredSeconds() - r.warmupSeconds());
        String rest = r.cooldownSeconds() > 0
                ? String.format(java.util.Locale.ROOT, " (the suite's cooldown asks for %.0f s of them; load start,"
                        + " tracer attach and stop and results overlap it where they can).", r.cooldownSeconds())
                : " (load start, tracer attach and stop, results).";
        return head + String.format(java.util.Locale.ROOT, " for %.0f s of measurement windows (%.2f×): %.0f s of warm-up, "
                        + "%.0f s between windows", r.measuredSeconds(), r.wallSeconds() / r.measuredSeconds(),
                r.warmupSeconds(), between) + rest;
    }
}
