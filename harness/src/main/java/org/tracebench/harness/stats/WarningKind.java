package org.tracebench.harness.stats;

/** What can be wrong with a run's numbers, each with the fix to suggest (hyperfine style). */
public enum WarningKind {
    HIGH_VARIATION("the coefficient of variation exceeds 5%", Text.QUIETER + "; for strace, whose cost depends on"
            + " whether it shares the load's CPU, set the suite's pinning (" + Text.PINNINGS + ")") {
        @Override public String fixFor(String backend) {
            if (backend == null) return fix();
            return backend.startsWith("strace") ? Text.QUIETER + "; strace's cost depends on whether it shares the"
                    + " load's CPU, so set the suite's pinning (" + Text.PINNINGS + ")" : Text.QUIETER;
        }
    },
    TOO_FEW_REPETITIONS("fewer than three valid repetitions (runs of the whole suite), so its 95% intervals come"
            + " from too few independent runs",
            "run at least 3 repetitions: set repetitions: 3 or more in the suite, or pass --repetitions 3 to tracebench run"),
    UNREADABLE_FILES("a result file cannot be read (empty, truncated or edited), so what it holds is left out",
            "restore it from a copy; for a trial.json, tracebench run --resume DIR runs that trial again and keeps the"
            + " unreadable file in DIR/replaced/"),
    INVALID_TRIALS("some trials are invalid (each one's reason follows: the tracer died, the load failed, or it failed"
            + " more than 1% of its operations and more than one per worker, or completed none)",
            "read invalidReason and stderrTail in the trials' trial.json, fix the cause (the tracer, or what made the"
            + " operations fail), then rerun them with tracebench run --resume DIR"
            + " (their old files are kept in DIR/replaced/)"),
    UNFINISHED_TRIALS("some trial directories have no trial.json (the suite was interrupted)",
            "finish the suite with tracebench run --resume DIR"),
    NOT_RUN_TRIALS("some trials of the plan in manifest.json have not run (the suite was interrupted, Ctrl-C"
            + " discarding the trial in progress, or is still running), so some configurations have fewer repetitions"
            + " than planned or none",
            "finish the suite with tracebench run --resume DIR"),
    LOST_EVENTS("the tracer reported dropping events (its buffer overflowed); the seen shares already count them"
            + " as missed, so they show what it delivered at this load, and a share marked ≤ stays an upper bound",
            "enlarge the tracer's buffer where it has an option for one (ftrace's bufferSizeKb, bpftrace's perfRbPages;"
            + " tracebench tracers lists every option) or lower the load (--workers)") {
        @Override public String fixFor(String backend) { return fixFor(backend, java.util.Map.of()); }

        @Override public String fixFor(String backend, java.util.Map<String, String> options, double lostShare) {
            if (!(lostShare > Text.SUSTAINED_LOSS) || backend == null) return fixFor(backend, options);
            String lighter = backend.startsWith("bpftrace") && !"counts".equals(options.get("mode"))
                    ? ", use its mode: counts where per-syscall counts suffice" : "";
            return "lower the load (--workers) or trace less" + lighter + ": with " + Math.round(lostShare * 100)
                    + "% of its events lost its reader fell behind the whole window, not in bursts, so a bigger"
                    + " buffer would only fill later; keep the buffer options for losses of a few percent";
        }

        @Override public String fixFor(String backend, java.util.Map<String, String> options) {
            if (backend == null) return fix();
            switch (backend) {
                case "ftrace": {
                    long kb = Text.number(options.get("bufferSizeKb"), 4096);
                    return "enlarge ftrace's per-CPU buffer (its bufferSizeKb option, " + kb + " KiB in these trials, e.g."
                            + " {name: ftrace, options: {bufferSizeKb: " + kb * 4 + "}}; tracebench validate checks it"
                            + " against the memory available) or lower the load (--workers)";
                }
                case "bpftrace": case "bpftrace-lsm": {
                    long pages = Text.number(options.get("perfRbPages"), 64);
                    boolean counts = "counts".equals(options.get("mode"));
                    return "enlarge " + backend + "'s perf ring buffer (its perfRbPages option, a power of two, "
                            + (options.containsKey("perfRbPages") ? pages + " pages per CPU in these trials, so " + pages * 4
                            : "bpftrace's default of 64 pages per CPU in these trials, so 1024") + ")"
                            + (backend.equals("bpftrace") && !counts ? ", use its mode: counts where per-syscall counts"
                            + " suffice (no event per operation)," : "") + " or lower the load (--workers)";
                }
                case "fatrace": return "lower the load (--workers): fatrace has no buffer to enlarge";
                default: return fix();
            }
        }
    },
    UNPARSED_OUTPUT("the tracer's output held lines its parser could not read, so those events count as misses and"
            + " the completeness of those trials is unreliable",
            "read parsing.unparsedSamples in the trials' trial.json; a file name with a newline splits a line of"
            + " fatrace's and bpftrace's output (strace escapes it), so keep such names out of the task or judge"
            + " those files by strace's completeness"),
    NO_BASELINE("there is no valid none trial for this workload and workers, so no overhead",
            "add the tracer none to the suite's tracers"),
    UNBOUNDED_RATIO("the baseline varies so much that the overhead interval is unbounded",
            "run more repetitions (--repetitions) or a longer --duration"),
    OP_ERRORS("the load generator reported failed operations",
            "fix what the first error says (a path, a permission, a limit such as ulimit -n, a full file system);"
            + " errorSamples in the trials' load.json hold more"),
    MIXED_SESSIONS("the run was resumed (run --resume) on another machine or other software than it began on, so its"
            + " trials before and after the resume did not measure the same thing",
            "run the suite again in one session to compare its tracers like with like (manifest.json's resumes and"
            + " each trial.json's startedAt tell which trials ran in which session)"),
    STOLEN_CPU("the hypervisor gave this VM's CPUs to other guests during measured windows (steal time), so"
            + " throughput followed the host's load as well as the tracer's",
            "run on bare metal or dedicated vCPUs, or rerun when the host is quieter; keep an interleaved order"
            + " (paired, the default, or randomized; not round-robin), so what the host takes spreads over every"
            + " tracer, and add repetitions (--repetitions)"),
    OTHER_PROCESSES("other processes ran on this machine during measured windows (their user CPU alone is counted),"
            + " so they competed with the load and the tracer for CPUs and caches",
            "stop them before measuring (top or pidstat 1 name them; tracebench doctor shows how busy the machine is"
            + " before a run) and rerun, or add repetitions (--repetitions) with an interleaved order (paired or"
            + " randomized) so they spread over every tracer; system.csv's other_user_cores shows when they ran"),
    CPU_ACCOUNTING("the load generator, the tracer and the harness used more CPU than the whole machine was busy during"
            + " measured windows, so the machine's figures (busy, kernel, other processes) are off by at least as much",
            "read cpuCores in the named trial's trial.json: the machine's busy CPU is wall time less /proc/stat's idle,"
            + " exact only where the kernel times each CPU's idle (NO_HZ, docs/design.md), so elsewhere trust the load's"
            + " and the tracer's own CPU and not the machine's"),
    OPEN_LOOP("some workloads run at a fixed rate (open loop), where throughput stays at the offered rate until the"
            + " machine saturates, so their throughput against none does not show what a tracer costs",
            "read instead their iteration latency from the intended start (report.md's open-loop latency table,"
            + " summary.csv's iteration_latency_*; their ops' latencies are service times), the slowdown per operation"
            + " kind and the tracer CPU; remove the task's rate"
            + " for a closed loop whose throughput falls with the tracer's cost"),
    ITERATIONS_UNFINISHED("at its fixed rate a configuration fell behind: more iterations the rate meant to run were"
            + " still unfinished when the measured window ended than its workers could have had in flight (one each"
            + " when keeping up), so its iteration latencies (each unfinished one as waited by"
            + " the end) are lower bounds that grow with the duration; where it is none, the baseline itself could not"
            + " sustain the rate, which exceeds what the machine and load generator can do, and that workload's"
            + " tracers are not comparable at it",
            "lower the task's rate to one the tracer keeps up with (below what none sustains), or accept that it"
            + " saturates at this rate and report its iteration latency as a lower bound (report.md marks it ≥)"),
    PUBLIC_JDK_APIS("the load generator ran read, open, truncate, readdir and exec on the public JDK APIs, which"
            + " add user-space work per operation, so every tracer's relative overhead looks smaller than against C",
            "run on JDK 17 through ./tracebench (its load generators get the --add-opens they need); the trials'"
            + " loadJdkInternalsUnavailable says what was missing"),
    AA_NOISY("the A/A check failed: the baseline against itself, in the middle of its own ABBA blocks, differed beyond"
            + " its 95% interval, so the machine was too noisy for the overheads claimed here",
            "rerun on a quieter machine (stop other work; tracebench doctor shows how busy it is), set the suite's"
            + " pinning (" + Text.PINNINGS + ") and add repetitions (--repetitions; each gives the check two more pairs)"),
    MICRO_LOST_EVENTS("in tracebench micro the tracer reported dropping events (its buffer overflowed), so it did less"
            + " than all of its work and the cost it adds is understated",
            "enlarge the tracer's buffer where it has an option for one (--tracer-option ftrace.bufferSizeKb=N or"
            + " bpftrace.perfRbPages=N; tracebench tracers lists every option) and run tracebench micro again") {
        @Override public String fixFor(String backend) { return fixFor(backend, java.util.Map.of()); }

        @Override public String fixFor(String backend, java.util.Map<String, String> options) {
            if (backend == null) return fix();
            switch (backend) {
                case "ftrace": {
                    long kb = Text.number(options.get("bufferSizeKb"), 4096);
                    return "enlarge ftrace's per-CPU buffer (" + kb + " KiB here) with --tracer-option ftrace.bufferSizeKb="
                            + kb * 4 + " or more and run tracebench micro again";
                }
                case "bpftrace": case "bpftrace-lsm": {
                    long pages = Text.number(options.get("perfRbPages"), 64);
                    return "enlarge " + backend + "'s perf ring buffer (" + pages + " pages per CPU here) with --tracer-option "
                            + backend + ".perfRbPages=" + pages * 4 + " and run tracebench micro again";
                }
                case "fatrace": return "read its cost as a lower bound: fatrace has no buffer to enlarge";
                default: return fix();
            }
        }
    },
    MICRO_UNPINNED("a ptrace tracer ran in tracebench micro with --pinning none and one JMH fork: its cost depends on"
            + " where the scheduler put it and the fork, which differs from run to run, and JMH's 99.9% error covers"
            + " only the iterations of that one fork",
            "give tracebench micro --pinning same-cpu or separate-cpus, or -f 3 or more"),
    PAIRS_ACROSS_SESSIONS("ABBA pairs whose two trials ran in different sessions (a resume came between them, when"
            + " tracebench run --resume still ran a pair's missing trial alone) compare two machine states, so they are"
            + " left out of every within-pair ratio and the A/A check",
            "run tracebench run --resume DIR, which runs both trials of each such pair again in one session (the"
            + " earlier ones are kept in DIR/replaced/)"),
    OVERSUBSCRIBED("valid trials ran more load-generator workers than the CPUs they may use, so the workers took"
            + " turns on those CPUs and a tracer's own CPU (strace, fatrace, bpftrace's or ftrace's reader) came out of"
            + " the load: its reader gets a smaller share the more workers there are, can fall behind and lose events,"
            + " and the overhead mixes the scheduler's time slicing with the tracer's cost",
            "run at most as many workers as the CPUs the load may use (trial.json's workerCpus; the suite's workers or"
            + " --workers), or pin the tracer apart (pinning: separate-cpus) with at most as many workers as the CPUs"
            + " left to the load");

    /** Fragments more than one fix shares (an enum's constants cannot read its own static fields). */
    private static final class Text {
        /** {@code value} as a positive whole number, or {@code dflt} when it is none. */
        static long number(String value, long dflt) {
            try {
                long v = Long.parseLong(value == null ? "" : value.trim());
                return v > 0 ? v : dflt;
            } catch (NumberFormatException e) {
                return dflt;
            }
        }

        /** Above this share of events lost, the loss is sustained: a bigger buffer does not fix it. */
        static final double SUSTAINED_LOSS = 0.1;

        static final String QUIETER = "run more repetitions (--repetitions) or a longer --duration, on a quieter machine";
        static final String PINNINGS = "same-cpu or separate-cpus";
    }

    private final String problem;
    private final String fix;

    WarningKind(String problem, String fix) {
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong, as a sentence fragment. */
    public String problem() { return problem; }

    /** What to do about it, as an imperative fragment, for any backend. */
    public String fix() { return fix; }

    /**
     * What to do about it for one backend ({@code strace}, {@code ftrace}, ...; null for the whole run): a fix that
     * applies to that backend only, where the general one names others' options; otherwise {@link #fix()}.
     */
    public String fixFor(String backend) { return fix; }

    /**
     * {@link #fixFor(String)} for trials run with these backend {@code options} (trial.json's tracerOptions), so the
     * fix does not advise a value or a mode they already use.
     */
    public String fixFor(String backend, java.util.Map<String, String> options) { return fixFor(backend); }

    /**
     * {@link #fixFor(String, java.util.Map)} for trials that lost {@code lostShare} of their events (lost / (lost +
     * delivered), NaN unknown): {@link #LOST_EVENTS} advises less load, not a bigger buffer, above 10%.
     */
    public String fixFor(String backend, java.util.Map<String, String> options, double lostShare) {
        return fixFor(backend, options);
    }

    /**
     * The fix for a results directory that {@code tracebench run --resume} cannot resume (its manifest.json lacks
     * the plan or the settings): the same without --resume.
     */
    public String fixWithoutResume() {
        return switch (this) {
            case UNREADABLE_FILES -> "restore it from a copy, or run the suite again (this directory's manifest.json"
                    + " lacks what tracebench run --resume reads back)";
            case INVALID_TRIALS -> "read invalidReason and stderrTail in the trials' trial.json, fix the cause (the tracer, or"
                    + " what made the operations fail), then run the suite again"
                    + " (this directory's manifest.json lacks what tracebench run --resume reads back)";
            case UNFINISHED_TRIALS, NOT_RUN_TRIALS -> "run the suite again: this directory's manifest.json lacks what tracebench run"
                    + " --resume reads back, so it cannot be finished";
            case PAIRS_ACROSS_SESSIONS -> "run the suite again in one session (this directory's manifest.json lacks what"
                    + " tracebench run --resume reads back)";
            default -> fix;
        };
    }

    /** The code written to summary.json, e.g. {@code high-variation}. */
    public String code() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
