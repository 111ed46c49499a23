package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.openjdk.jmh.runner.options.TimeValue;
import org.tracebench.harness.micro.JmhScore;
import org.tracebench.harness.micro.MicroReport;
import org.tracebench.harness.micro.MicroRunner;
import org.tracebench.harness.micro.MicroSettings;
import org.tracebench.harness.micro.MicroSummary;
import org.tracebench.harness.micro.MicroWarnings;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.results.Environment;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.Tracers;
import oshi.SystemInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracebench micro}: the load generator's per-op JMH benchmark once per tracer ({@code none} first), each
 * JMH process and its forks in a cgroup the tracer is attached to and confirmed ready before GO. Writes
 * {@code <out>/micro-<timestamp>/}: manifest.json, micro/&lt;tracer&gt;.json (JMH's own JSON), micro-summary.csv/json
 * (refreshed after each tracer). Exit codes: 0 done (a tracer without result is listed), 1 runtime failure or no
 * baseline result, 2 bad input or not runnable here (or another run holds the machine lock, as for {@code run}),
 * 130 interrupted (143 for SIGTERM; results so far are kept, nothing left running).
 */
@Command(name = "micro", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the JMH benchmark of each file operation under each tracer: ns per operation and the cost each tracer adds.")
public final class MicroCommand implements Callable<Integer> {
    @Option(names = "--tracers", paramLabel = "a,b", split = ",", description = "Only these tracers (none is always added); default: every available one.")
    List<String> tracers;
    @Option(names = "--ops", paramLabel = "a,b", split = ",", description = "Op kinds to measure (YAML names, e.g. read,stat); default: all.")
    List<String> ops;
    @Option(names = "-f", paramLabel = "N", description = "JMH forks per op, at least 1 (default 1; with --pinning none,"
            + " more forks show how much a ptrace tracer's cost varies with where it runs).")
    Integer forks;
    @Option(names = "-wi", paramLabel = "N", description = "JMH warm-up iterations (default 3).")
    Integer warmupIterations;
    @Option(names = "-i", paramLabel = "N", description = "JMH measurement iterations (default 5).")
    Integer iterations;
    @Option(names = "-w", paramLabel = "TIME", description = "JMH warm-up iteration time, e.g. 1s, 200ms (default 1s).")
    String warmupTime;
    @Option(names = "-r", paramLabel = "TIME", description = "JMH measurement iteration time, e.g. 1s, 200ms (default 1s).")
    String measurementTime;
    @Option(names = "--out", paramLabel = "DIR", description = "Where micro-<timestamp>/ is created (default: results).")
    Path out = Path.of("results");
    @Option(names = "--strict", description = "Fail when a requested tracer is unavailable instead of skipping it.")
    boolean strict;
    @Option(names = "--pinning", paramLabel = "MODE", description = "none (default), same-cpu or separate-cpus: where "
            + "the JMH processes and the tracer run, as a suite's pinning (strace's cost depends on it).")
    String pinning;
    @Option(names = "--tracer-option", paramLabel = "TRACER.KEY=VALUE",
            description = "A backend option, as a suite's tracer options (e.g. bpftrace.probes=per-syscall); repeatable. "
                    + "tracebench tracers lists each backend's options.")
    List<String> tracerOptions;
    @Option(names = "--allow-concurrent-runs", description = "Run even while another tracebench run or micro is running"
            + " trials on this machine (both then measure each other; manifest.json records the overlap).")
    boolean allowConcurrentRuns;

    @Spec
    CommandSpec spec;

    private final Supplier<List<Tracer>> registry;
    /** The root check; tests replace it to see the not-root path. */
    BooleanSupplier isRoot = LongRun.EFFECTIVE_ROOT;
    /** The machine lock {@code run} takes too ({@link RunLocks}); tests give their own file. */
    Path machineLock = RunCommand.MACHINE_LOCK;

    public MicroCommand() {
        this(Tracers::all);
    }

    /** For tests: a given set of tracer backends. */
    public MicroCommand(Supplier<List<Tracer>> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        List<String> opNames = opNames(problems);
        List<String> jmhArgs = jmhArgs(problems);
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, Tracer> chosen = chooseTracers(problems, skipped);
        Map<String, Map<String, String>> options = tracerOptions(problems);
        org.tracebench.harness.suite.Pinning pin = pinning(problems);
        if (!problems.isEmpty()) {
            problems.forEach(e::println);
            return 2;
        }
        skipped.forEach((n, why) -> e.println("Skipping tracer " + n + ": " + why));
        String notRoot = LongRun.rootProblem(isRoot, "tracebench micro", "each JMH process runs in a cgroup v2 of its own", "", null);
        if (notRoot != null) {
            e.println(notRoot);
            return 2;
        }
        int f = forks == null ? 1 : forks;
        double perOpSeconds = (warmupIterations == null ? 3 : warmupIterations) * seconds(warmupTime)
                + (iterations == null ? 5 : iterations) * seconds(measurementTime) + 10;
        Duration runTimeout = Duration.ofSeconds((long) (opNames.size() * f * perOpSeconds * 3) + 120);
        return execute(MicroSettings.forThisJvm(opNames, jmhArgs, runTimeout).withPinning(pin), chosen, options, skipped, o, e);
    }

    /** --pinning as a mode, or a problem: an unknown value, or one this machine's CPUs cannot give. */
    private org.tracebench.harness.suite.Pinning pinning(List<String> problems) {
        if (pinning == null) return org.tracebench.harness.suite.Pinning.NONE;
        org.tracebench.harness.suite.Pinning p = org.tracebench.harness.suite.Pinning.parse(pinning.trim());
        if (p == null) {
            problems.add("The option --pinning must be none, same-cpu or separate-cpus, not '" + pinning + "'.");
            return null;
        }
        try {
            p.cpus(org.tracebench.harness.trial.CpuAffinity.allowedCpus());
        } catch (IllegalArgumentException | java.io.IOException ex) {
            problems.add("The option --pinning " + p.yamlName() + " cannot be applied here: " + ex.getMessage());
        }
        return p;
    }

    /** --tracer-option values by tracer, each checked against the backend's {@code Tracer.options()}. */
    private Map<String, Map<String, String>> tracerOptions(List<String> problems) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (tracerOptions == null) return out;
        Map<String, Tracer> byName = RunCommand.byName(registry.get());
        for (String raw : tracerOptions) {
            int dot = raw.indexOf('.'), eq = raw.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                problems.add("The option --tracer-option needs TRACER.KEY=VALUE (e.g. bpftrace.probes=raw), got '" + raw + "'.");
                continue;
            }
            String tracer = raw.substring(0, dot).trim(), key = raw.substring(dot + 1, eq).trim(), value = raw.substring(eq + 1).trim();
            Tracer t = byName.get(tracer);
            if (t == null) {
                problems.add(RunCommand.unknownTracer("--tracer-option", tracer, byName.keySet()));
            } else if (!t.options().containsKey(key)) {
                problems.add("The option --tracer-option gives " + tracer + " an option it does not have, '" + key + "'; "
                        + (t.options().isEmpty() ? "it takes none." : "its options: "
                           + String.join(", ", new java.util.TreeSet<>(t.options().keySet())) + "."));
            } else {
                out.computeIfAbsent(tracer, k -> new LinkedHashMap<>()).put(key, value);
            }
        }
        out.forEach((tracer, opts) -> byName.get(tracer).optionProblems(opts).values()
                .forEach(why -> problems.add("The option --tracer-option: " + why)));
        return out;
    }

    private List<String> opNames(List<String> problems) {
        List<String> out = new ArrayList<>();
        if (ops == null) {
            for (OpKind k : OpKind.values()) out.add(k.yamlName());
            return out;
        }
        for (String s : ops) {
            if (s.isBlank()) continue;
            var k = OpKind.byName(s);
            if (k.isEmpty()) problems.add("The option --ops names an unknown op kind '" + s.trim() + "'; known kinds: "
                    + String.join(", ", java.util.Arrays.stream(OpKind.values()).map(OpKind::yamlName).toList()) + ".");
            else if (!out.contains(k.get().yamlName())) out.add(k.get().yamlName());
        }
        if (out.isEmpty() && problems.isEmpty()) problems.add("The option --ops names no op kind.");
        return out;
    }

    private List<String> jmhArgs(List<String> problems) {
        List<String> a = new ArrayList<>();
        count(a, problems, "-f", forks, 1); // 0 would run JMH in MicroMain, without the load generator's JVM options
        count(a, problems, "-wi", warmupIterations, 0);
        count(a, problems, "-i", iterations, 1);
        time(a, problems, "-w", warmupTime);
        time(a, problems, "-r", measurementTime);
        return a;
    }

    private static void count(List<String> a, List<String> problems, String flag, Integer v, int min) {
        if (v == null) return;
        if (v < min) problems.add("The option " + flag + " must be at least " + min + ", got " + v + ".");
        a.add(flag);
        a.add(Integer.toString(v));
    }

    private static void time(List<String> a, List<String> problems, String flag, String v) {
        if (v == null) return;
        try {
            if (TimeValue.fromString(v.trim()).convertTo(TimeUnit.NANOSECONDS) <= 0) throw new IllegalArgumentException("not positive");
            a.add(flag);
            a.add(v.trim());
        } catch (RuntimeException ex) {
            problems.add("The option " + flag + " needs a positive JMH time such as 1s or 200ms, got '" + v + "'.");
        }
    }

    private static double seconds(String v) {
        if (v == null) return 1;
        try {
            return TimeValue.fromString(v.trim()).convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        } catch (RuntimeException ex) {
            return 1;
        }
    }

    private Map<String, Tracer> chooseTracers(List<String> problems, Map<String, String> skipped) {
        Map<String, Tracer> byName = RunCommand.byName(registry.get());
        List<String> wanted = new ArrayList<>(List.of("none"));
        if (tracers == null) {
            for (String n : byName.keySet()) if (!wanted.contains(n)) wanted.add(n);
        } else {
            for (String n : tracers) {
                String t = n.trim();
                if (t.isEmpty() || wanted.contains(t)) continue;
                if (!byName.containsKey(t)) problems.add(RunCommand.unknownTracer("--tracers", t, byName.keySet()));
                else wanted.add(t);
            }
        }
        Map<String, Tracer> chosen = new LinkedHashMap<>();
        for (String n : wanted) {
            Tracer t = byName.get(n);
            if (t == null) {
                if (n.equals("none")) problems.add("The baseline tracer 'none' is not registered, so no added cost can be measured.");
                continue;
            }
            if (t.availability().available()) {
                chosen.put(n, t);
                continue;
            }
            String why = t.availability().reason() + (t.availability().fixHint().isEmpty() ? "" : " Fix: " + t.availability().fixHint());
            if (strict || n.equals("none")) problems.add("Tracer " + n + " is unavailable" + (strict ? " (--strict)" : "") + ": " + why);
            else skipped.put(n, why);
        }
        return chosen;
    }

    /** Runs holding the machine's lock, as {@code run} does ({@link RunLocks}); exit 2 when another run holds it. */
    private int execute(MicroSettings settings, Map<String, Tracer> chosen, Map<String, Map<String, String>> options,
                        Map<String, String> skipped, PrintWriter o, PrintWriter e) {
        try (RunLocks locks = RunLocks.take(null, machineLock, allowConcurrentRuns, e)) {
            return locks.refusal() != 0 ? locks.refusal() : execute(settings, chosen, options, skipped, locks, o, e);
        }
    }

    private int execute(MicroSettings settings, Map<String, Tracer> chosen, Map<String, Map<String, String>> options,
                        Map<String, String> skipped, RunLocks locks, PrintWriter o, PrintWriter e) {
        RunCommand.prepareMachine(o, e); // what killed runs and micros left, e.g. a tracefs instance taxing every call
        ResultsDir dir;
        Map<String, Object> manifest = manifest(settings, chosen, options, skipped);
        try {
            dir = ResultsDir.create(out, "micro", LocalDateTime.now()); // fresh, no resume: no directory lock needed
            Files.deleteIfExists(dir.dir().resolve("trials")); // micro has no trials
            dir.writeManifest(manifest);
        } catch (IOException ex) {
            e.println("Could not create the results directory under --out " + out + ": " + ex.getMessage());
            return 1;
        }
        if (!locks.recordOverlap(dir, e)) return 1;
        warnAboutPlacement(chosen.keySet().stream().map(n -> MicroWarnings.label(n, options.get(n))).toList(), manifest, e);
        o.println("Results: " + dir.dir());
        o.flush();
        MicroRunner runner = new MicroRunner(settings, dir.dir());
        LongRun guard = LongRun.interruptOnShutdown("tracebench-micro-interrupt");
        Map<String, List<JmhScore>> scores = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        try {
            int i = 0;
            for (Tracer t : chosen.values()) {
                String label = MicroWarnings.label(t.name(), options.get(t.name())); // as run names a configuration
                o.printf("[%d/%d] %s: JMH on %s ...%n", ++i, chosen.size(), label, String.join(",", settings.ops()));
                o.flush();
                MicroRunner.TracerRun r;
                try {
                    r = runner.run(t, options.getOrDefault(t.name(), Map.of()));
                } catch (InterruptedException ex) {
                    o.println();
                    o.println("Interrupted: the results of the tracers finished so far are kept in " + dir.dir() + ".");
                    return 130;
                }
                status.put(label, r.toJson(dir.dir()));
                if (r.ok()) {
                    try {
                        scores.put(label, JmhScore.read(r.jmhJson()));
                        sources.put(label, dir.dir().relativize(r.jmhJson()).toString());
                    } catch (IOException ex) {
                        status.get(label).put("status", "invalid");
                        status.get(label).put("reason", ex.getMessage());
                    }
                }
                o.printf("      %s in %.0f s%s%n", r.ok() ? "done" : "NO RESULT", r.wallSeconds(), !r.ok() ? ": " + r.reason()
                        : r.lostEvents() > 0 ? ", but the tracer lost " + r.lostEvents() + " events (its cost is understated)" : "");
                o.flush();
                writeSummary(dir, scores, sources, status, manifest);
            }
            List<MicroSummary.Row> rows = writeSummary(dir, scores, sources, status, manifest);
            o.println();
            o.print(closingTable(rows, status, manifest));
            o.flush();
            RunWarning.terminalLines(MicroWarnings.lostEvents(status, manifest)).forEach(w -> e.println("Warning: " + w));
            e.flush();
            o.println("Results: " + dir.dir() + " (render with: ./tracebench report " + dir.dir() + ")");
            return scores.containsKey("none") ? 0 : 1;
        } catch (IOException ex) {
            e.println("Could not write the micro summary in " + dir.dir() + ": " + ex.getMessage());
            return 1;
        } finally {
            o.flush();
            e.flush();
            guard.close();
        }
    }

    /** Before the run, when {@link MicroWarnings#placement} applies: the warning, while it can still be acted on. */
    static void warnAboutPlacement(java.util.Collection<String> tracers, Map<String, Object> manifest, PrintWriter e) {
        RunWarning.terminalLines(MicroWarnings.placement(tracers, manifest)).forEach(w -> e.println("Warning: " + w));
        e.flush();
    }

    /** The table printed after the run: report.md's, less the warnings (on stderr: placement before, lost events after). */
    static String closingTable(List<MicroSummary.Row> rows, Map<String, Map<String, Object>> status,
                               Map<String, Object> manifest) {
        return MicroReport.markdown(rows, status, manifest, false);
    }

    private static List<MicroSummary.Row> writeSummary(ResultsDir dir, Map<String, List<JmhScore>> scores, Map<String, String> sources,
                                                       Map<String, Map<String, Object>> status, Map<String, Object> manifest)
            throws IOException {
        List<MicroSummary.Row> rows = MicroSummary.merge(scores, sources);
        AtomicFiles.write(dir.dir().resolve(MicroSummary.CSV), MicroSummary.csv(rows, status));
        dir.writeJson(dir.dir().resolve(MicroSummary.JSON), MicroSummary.json(rows, status, MicroWarnings.of(status, manifest, true)));
        return rows;
    }

    /** Per exec-family op, the JDK launch mechanism its JMH fork starts children with ({@code OpBenchmark.launch}). */
    static Map<String, Object> launchMechanisms(List<String> ops) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String op : ops) {
            org.tracebench.loadgen.op.OpKind.byName(op).filter(k -> k.family() == org.tracebench.loadgen.op.OpKind.Family.EXEC)
                    .ifPresent(k -> m.put(op, org.tracebench.loadgen.bench.OpBenchmark.launch(k).jdkName()));
        }
        return m;
    }

    private Map<String, Object> manifest(MicroSettings settings, Map<String, Tracer> chosen,
                                         Map<String, Map<String, String>> options, Map<String, String> skipped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "tracebench-manifest/1");
        m.put("kind", "micro");
        m.put("suite", "micro");
        m.put("startedAt", Instant.now().toString());
        m.put("environment", Environment.describe(new SystemInfo()));
        Map<String, Object> versions = new LinkedHashMap<>();
        chosen.forEach((n, t) -> versions.put(n, Environment.tracerVersion(t)));
        m.put("tracerVersions", versions);
        String v = MicroCommand.class.getPackage().getImplementationVersion();
        m.put("tracebench", Environment.tracebench(v == null ? "dev" : v));
        Map<String, Object> micro = new LinkedHashMap<>();
        micro.put("ops", new ArrayList<>(settings.ops()));
        micro.put("jmhArgs", String.join(" ", settings.jmhArgs()));
        micro.put("launchMechanisms", launchMechanisms(settings.ops()));
        micro.put("forks", forks == null ? 1 : forks);
        micro.put("benchmark", "org.tracebench.loadgen.bench.OpBenchmark.operation");
        micro.put("mode", "avgt");
        micro.put("unit", "ns/op");
        micro.put("tracers", new ArrayList<>(chosen.keySet()));
        micro.put("tracerOptions", new LinkedHashMap<>(options));
        micro.put("runTimeoutSeconds", settings.runTimeout().toSeconds());
        micro.put("pinning", settings.pinning().yamlName());
        m.put("micro", micro);
        m.put("skippedTracers", new LinkedHashMap<>(skipped));
        return m;
    }
}
