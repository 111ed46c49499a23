package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.results.Environment;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.results.TaskCopies;
import org.tracebench.harness.suite.Durations;
import org.tracebench.harness.suite.Suite;
import org.tracebench.harness.suite.Suite.TaskRef;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.SuiteException;
import org.tracebench.harness.suite.SuiteFiles;
import org.tracebench.harness.suite.SuiteParser;
import org.tracebench.harness.suite.TrialPlan;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.tracers.Tracer;
import oshi.SystemInfo;

/** Turns a suite (or a results directory to resume) into a plan the run command executes, and records it. */
final class RunPlanning {
    private final List<Tracer> registry;
    private final boolean strict;
    private final boolean planNeedsRoot;
    private final PrintWriter err;

    /**
     * Everything a run needs. {@code suiteAsRun} is the manifest's record of the suite with overrides applied;
     * {@code inlineTasks} maps a workload name to the YAML to write before the run; {@code needsRoot} names the
     * tracers a dry run without root plans though they are unavailable for want of root alone, with the reason.
     */
    record Planned(String suiteName, Map<String, Object> suiteAsRun, long seed, List<TrialSpec> trials,
                   Map<String, Tracer> tracers, Map<String, String> skipped, Duration duration, Duration warmup,
                   Duration cooldown, Duration samplingInterval, Map<String, String> inlineTasks,
                   org.tracebench.harness.suite.Pinning pinning, List<Path> allowPaths, Map<String, String> needsRoot) {
        Planned withTrials(List<TrialSpec> t) {
            return new Planned(suiteName, suiteAsRun, seed, List.copyOf(t), tracers, skipped, duration, warmup, cooldown,
                    samplingInterval, inlineTasks, pinning, allowPaths, needsRoot);
        }
    }

    /** A fresh results directory and the plan as recorded in its manifest (inline task paths made absolute). */
    record Created(ResultsDir dir, List<TrialSpec> trials) {}

    RunPlanning(List<Tracer> registry, boolean strict, PrintWriter err) {
        this(registry, strict, false, err);
    }

    /**
     * @param planNeedsRoot without root: plan the tracers unavailable only for want of root
     *                      ({@link org.tracebench.tracers.Availability#needsRoot}) as a run as root would run them (a
     *                      dry run shows them; a real run is then refused naming them, not for lack of tracers)
     */
    RunPlanning(List<Tracer> registry, boolean strict, boolean planNeedsRoot, PrintWriter err) {
        this.registry = registry;
        this.strict = strict;
        this.planNeedsRoot = planNeedsRoot;
        this.err = err;
    }

    /** The backends of the tracers module's registry. */
    static List<Tracer> registeredTracers() {
        return org.tracebench.tracers.Tracers.all();
    }

    /** The backends of the tracers module's registry, probed as if tracebench ran as root or not. */
    static List<Tracer> registeredTracers(boolean root) {
        return org.tracebench.tracers.Tracers.all(root);
    }

    /** True when {@code tracer} is planned: available, or in a dry run without root unavailable for want of root alone. */
    private boolean plannable(Tracer tracer) {
        return tracer.availability().available() || planNeedsRoot && tracer.availability().needsRoot();
    }

    Planned fresh(Path suiteFile, List<String> tracerNames, Integer reps, Duration durationOverride, Duration warmupOverride,
                  List<Path> allowPaths) throws SuiteException, IOException {
        Suite suite = SuiteParser.parse(suiteFile, RunCommand.byName(registry).keySet()).withMoreAllowPaths(allowPaths);
        List<TracerSpec> override = tracerNames == null ? null : tracersOption(suite, tracerNames);
        suite = suite.withOverrides(override, reps, durationOverride, warmupOverride);
        List<String> problems;
        try {
            problems = SuiteFiles.validate(suite, RunCommand.options(registry));
        } catch (java.io.UncheckedIOException e) { // an inline task's temporary copy: this machine, not the suite
            throw new IOException(e.getMessage(), e.getCause());
        }
        if (problems.isEmpty()) problems = SuiteValidation.optionValueProblems(suite, registry);
        if (!problems.isEmpty()) throw new SuiteException(problems);
        List<TracerSpec> wanted = suite.allTracers() ? allSpecs() : suite.tracers();
        Map<String, Tracer> byName = RunCommand.byName(registry);
        Map<String, Tracer> usable = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, String> needsRoot = new LinkedHashMap<>();
        List<TracerSpec> running = new ArrayList<>();
        List<String> strictProblems = new ArrayList<>();
        for (TracerSpec t : wanted) {
            Tracer tracer = byName.get(t.name());
            if (plannable(tracer)) {
                usable.put(t.name(), tracer);
                running.add(t);
                if (!tracer.availability().available()) needsRoot.put(t.name(), tracer.availability().reason());
            } else {
                String why = tracer.availability().reason() + (tracer.availability().fixHint().isEmpty() ? "" : " Fix: " + tracer.availability().fixHint());
                if (strict) strictProblems.add("Tracer " + t.name() + " is unavailable (--strict): " + why);
                else skipped.put(t.name(), why);
            }
        }
        if (!strictProblems.isEmpty()) throw new SuiteException(strictProblems);
        if (!usable.containsKey("none")) throw new SuiteException("The baseline tracer 'none' is not available, so no overhead can be measured.");
        // a baseline-only run on purpose (tracers: [none], --tracers none) measures the machine's own noise; one whose
        // tracers are all unavailable, or an empty --tracers, would measure nothing that was asked for
        boolean noneOnPurpose = skipped.isEmpty() && (tracerNames == null
                || tracerNames.stream().anyMatch(n -> n.trim().equals("none")));
        if (running.stream().allMatch(t -> t.name().equals("none")) && !noneOnPurpose) {
            throw new SuiteException("No tracer left to compare against none: " + (skipped.isEmpty()
                    ? "--tracers names no tracer"
                    : "every other tracer is unavailable here (" + String.join("; ", skipped.entrySet().stream()
                            .map(en -> en.getKey() + ": " + en.getValue()).toList()) + ")")
                    + ". Name a tracer that runs here (tracebench tracers lists them), or 'none' to measure the baseline "
                    + "alone; nothing was run.");
        }
        long seed = suite.seed().orElseGet(() -> new SecureRandom().nextLong());
        Map<String, Path> taskFiles = new LinkedHashMap<>();
        Map<String, String> inline = new LinkedHashMap<>();
        for (TaskRef t : suite.tasks()) {
            if (t.inline()) {
                inline.put(t.name(), t.inlineYaml());
                taskFiles.put(t.name(), Path.of("tasks", t.name() + ".yaml")); // made absolute under the results dir
            } else {
                taskFiles.put(t.name(), t.file());
            }
        }
        List<TrialSpec> trials = TrialPlan.build(suite, running, taskFiles, seed);
        org.tracebench.harness.suite.TaskOverrides.notices(suite).forEach(err::println); // not an error: said, then run
        Oversubscribed.notice(suite).ifPresent(err::println);
        err.flush();
        return new Planned(suite.name(), suiteAsRun(suite, running, seed), seed, trials, usable, skipped, suite.duration(),
                suite.warmup(), suite.cooldown(), suite.samplingInterval(), inline, suite.pinning(), suite.allowPaths(), needsRoot);
    }

    /**
     * {@code --tracers a,b}: replaces the suite's tracers ({@code none} is always added); a tracer the suite lists
     * keeps its options and every matrix configuration, any other runs with its defaults; {@code all} alone stands
     * for every registered tracer. Unknown and repeated names are refused.
     */
    private List<TracerSpec> tracersOption(Suite suite, List<String> tracerNames) throws SuiteException {
        Map<String, Tracer> known = RunCommand.byName(registry);
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String n : tracerNames) {
            String name = n.trim();
            if (name.isEmpty()) continue;
            if (names.contains(name)) problems.add("The option --tracers names '" + name + "' twice; name each tracer once.");
            else if (!name.equals("all") && !known.containsKey(name)) {
                List<String> candidates = new ArrayList<>(known.keySet());
                candidates.add("all");
                problems.add(RunCommand.unknownTracer("--tracers", name, candidates));
            }
            names.add(name);
        }
        if (names.contains("all") && names.size() > 1) {
            problems.add("The option --tracers gives 'all' together with other names; 'all' already means every tracer.");
        }
        if (!problems.isEmpty()) throw new SuiteException(problems.stream().distinct().toList());
        if (names.equals(List.of("all"))) return allSpecs();
        List<TracerSpec> override = new ArrayList<>();
        override.add(TracerSpec.of("none"));
        for (String name : names) {
            if (name.equals("none")) continue;
            List<TracerSpec> fromSuite = suite.tracers().stream().filter(t -> t.name().equals(name)).toList();
            override.addAll(fromSuite.isEmpty() ? List.of(TracerSpec.of(name)) : fromSuite); // every matrix configuration
        }
        return override;
    }

    private List<TracerSpec> allSpecs() {
        List<TracerSpec> out = new ArrayList<>();
        out.add(TracerSpec.of("none"));
        for (Tracer t : registry) if (!t.name().equals("none")) out.add(TracerSpec.of(t.name()));
        return out;
    }

    /** Reads the plan and settings back from manifest.json; tracers are looked up again by name. */
    @SuppressWarnings("unchecked")
    Planned resume(Path dir) throws IOException, SuiteException {
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new SuiteException("--resume: " + dir + " is not a tracebench results directory (it has no manifest.json).");
        }
        ResultsDir rd = ResultsDir.open(dir);
        Map<String, Object> manifest;
        try {
            manifest = rd.readManifest();
        } catch (IOException e) {
            throw new SuiteException("--resume: " + e.getMessage() + " " + dir + " cannot be resumed without it.");
        }
        String unresumable = org.tracebench.harness.results.Resumable.problem(manifest);
        if (unresumable != null) {
            throw new SuiteException("--resume: " + rd.dir().resolve("manifest.json") + " " + unresumable + ", so "
                    + dir + " cannot be resumed (it was written by hand or by an older tracebench); run its suite again.");
        }
        Map<String, Object> s = (Map<String, Object>) manifest.get("suiteAsRun");
        List<TrialSpec> trials = new ArrayList<>();
        for (Object o : (List<Object>) manifest.get("plan")) trials.add(TrialSpec.fromMap((Map<String, Object>) o));
        Map<String, Tracer> byName = RunCommand.byName(registry);
        Map<String, Tracer> usable = new LinkedHashMap<>();
        Map<String, String> needsRoot = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<TrialSpec> toRun = rd.toRun(trials);
        for (TrialSpec t : toRun) { // only the tracers of missing trials (and their pairs' others) must be here now
            Tracer tracer = byName.get(t.tracer().name());
            Map<String, String> refused = tracer == null ? Map.of() : tracer.optionProblems(t.tracer().options());
            List<String> unknown = tracer == null ? List.of() : t.tracer().options().keySet().stream()
                    .filter(k -> !tracer.options().containsKey(k)).toList(); // its start would ignore them: run defaults
            if (tracer == null) problems.add(dir + ": the plan names tracer '" + t.tracer().name() + "', which this tracebench does not know.");
            else if (!plannable(tracer)) problems.add("Tracer " + t.tracer().name() + " is unavailable now: " + tracer.availability().reason());
            else if (!unknown.isEmpty()) {
                unknown.forEach(k -> problems.add(dir + ": the plan gives " + t.tracer().label() + " the option '" + k
                        + "', which it does not have, so its trials cannot be resumed; fix the suite and run it again."
                        + (tracer.options().isEmpty() ? " It takes no options."
                           : " Its options: " + String.join(", ", new java.util.TreeSet<>(tracer.options().keySet())) + ".")));
            } else if (!refused.isEmpty()) { // retrying would fail each trial the same way
                refused.values().forEach(why -> problems.add(dir + ": the plan gives "
                        + t.tracer().label() + " option values it refuses, so its trials cannot be resumed; fix the"
                        + " suite and run it again. " + why));
            } else {
                usable.put(tracer.name(), tracer);
                if (!tracer.availability().available()) needsRoot.put(tracer.name(), tracer.availability().reason());
            }
        }
        Set<String> missing = new java.util.LinkedHashSet<>();
        for (TrialSpec t : toRun) missing.add(t.workload());
        problems.addAll(TaskCopies.changed(manifest.get("taskFiles") instanceof Map<?, ?> tf ? (Map<String, Object>) tf
                : Map.of(), missing, rd.dir()));
        if (!problems.isEmpty()) throw new SuiteException(problems.stream().distinct().toList());
        long seed = ((Number) manifest.get("seed")).longValue();
        return new Planned((String) manifest.get("suite"), s, seed, trials, usable, Map.of(),
                Durations.parse((String) s.get("duration")), Durations.parse((String) s.get("warmup")),
                Durations.parse((String) s.get("cooldown")), Durations.parse((String) s.get("samplingInterval")), Map.of(),
                java.util.Objects.requireNonNullElse(org.tracebench.harness.suite.Pinning.parse(String.valueOf(s.get("pinning"))),
                        org.tracebench.harness.suite.Pinning.NONE), // manifests before pinning have none
                s.get("allowPaths") instanceof List<?> l ? l.stream().map(o -> Path.of(String.valueOf(o))).toList() : List.of(),
                needsRoot);
    }

    private static Map<String, Object> suiteAsRun(Suite suite, List<TracerSpec> running, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", suite.name());
        m.put("source", suite.source().toString());
        List<Object> tasks = new ArrayList<>();
        for (TaskRef t : suite.tasks()) tasks.add(t.inline() ? "inline:" + t.name() : t.file().toString());
        m.put("tasks", tasks);
        List<Object> tr = new ArrayList<>();
        for (TracerSpec t : running) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", t.name());
            e.put("options", new LinkedHashMap<>(t.options()));
            if (!t.variant().isEmpty()) e.put("variant", t.variant());
            tr.add(e);
        }
        m.put("tracers", tr);
        m.put("workers", new ArrayList<>(suite.workers()));
        m.put("duration", Durations.format(suite.duration()));
        m.put("warmup", Durations.format(suite.warmup()));
        m.put("repetitions", suite.repetitions());
        m.put("order", suite.order().yamlName());
        m.put("cooldown", Durations.format(suite.cooldown()));
        m.put("samplingInterval", Durations.format(suite.samplingInterval()));
        m.put("seed", seed);
        m.put("pinning", suite.pinning().yamlName());
        m.put("allowPaths", suite.allowPaths().stream().map(Path::toString).toList());
        if (suite.sweep() != null) m.put("sweep", suite.sweep().toMap());
        return m;
    }

    /** A sentence naming what needs root, or null when running as root (or only {@code none} would run without cgroups). */
    static String rootProblem(Planned plan, java.util.function.BooleanSupplier isRoot) {
        return LongRun.rootProblem(isRoot, "tracebench run", "each trial creates a cgroup v2 for the load generator",
                String.join(", ", plan.tracers().keySet().stream().filter(n -> !n.equals("none")).toList()),
                "--dry-run works without root");
    }

    /**
     * Each tracer configuration of the plan whose backend could not recognise its trials' sentinel files
     * ({@link Tracer#sentinelProblem}: bpftrace cuts printed paths at strLen), one sentence each. The sentinel is
     * {@code <results>/trials/<trial>/.sentinel}; a fresh run's results directory is named as {@link ResultsDir#create}
     * would name it now ({@code resumeDir} null), a resumed run's is {@code resumeDir}.
     */
    static List<String> sentinelProblems(Planned plan, Path base, Path resumeDir) {
        Path dir = resumeDir != null ? resumeDir.toAbsolutePath().normalize()
                : base.toAbsolutePath().normalize().resolve(ResultsDir.stem(plan.suiteName(), LocalDateTime.now()));
        Set<String> said = new java.util.HashSet<>();
        List<String> out = new ArrayList<>();
        for (TrialSpec t : plan.trials()) {
            Tracer tracer = plan.tracers().get(t.tracer().name());
            if (tracer == null || said.contains(t.tracer().label())) continue;
            tracer.sentinelProblem(t.tracer().options(), dir.resolve("trials").resolve(t.dirName()).resolve(".sentinel"))
                    .ifPresent(p -> {
                        said.add(t.tracer().label());
                        out.add(t.tracer().label() + ": " + p + " Nothing was run.");
                    });
        }
        return out;
    }

    /** Creates the results directory, writes inline tasks, copies of the task files and manifest.json. */
    static Created createResults(Planned plan, Path base) throws IOException {
        ResultsDir dir = ResultsDir.create(base, plan.suiteName(), LocalDateTime.now());
        List<TrialSpec> trials = new ArrayList<>();
        for (Map.Entry<String, String> e : plan.inlineTasks().entrySet()) {
            Path f = dir.dir().resolve("tasks").resolve(e.getKey() + ".yaml");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        }
        for (TrialSpec t : plan.trials()) {
            Path task = plan.inlineTasks().containsKey(t.workload()) ? dir.dir().resolve("tasks").resolve(t.workload() + ".yaml") : t.taskFile();
            trials.add(new TrialSpec(t.number(), t.tracer(), t.workload(), task, t.workers(), t.repetition(), t.placement()));
        }
        Map<String, Path> sources = new LinkedHashMap<>();
        for (TrialSpec t : plan.trials()) sources.putIfAbsent(t.workload(), t.taskFile());
        Map<String, Object> taskFiles = TaskCopies.archive(sources, plan.inlineTasks().keySet(), dir.dir());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "tracebench-manifest/1");
        m.put("suite", plan.suiteName());
        m.put("startedAt", Instant.now().toString());
        m.put("seed", plan.seed());
        m.put("environment", Environment.describe(new SystemInfo()));
        Map<String, Object> versions = new LinkedHashMap<>();
        plan.tracers().forEach((n, t) -> versions.put(n, Environment.tracerVersion(t)));
        m.put("tracerVersions", versions);
        String v = RunCommand.class.getPackage().getImplementationVersion();
        m.put("tracebench", Environment.tracebench(v == null ? "dev" : v));
        m.put("skippedTracers", new LinkedHashMap<>(plan.skipped()));
        m.put("suiteAsRun", plan.suiteAsRun());
        m.put("taskFiles", taskFiles);
        List<Object> p = new ArrayList<>();
        for (TrialSpec t : trials) p.add(t.toMap());
        m.put("plan", p);
        dir.writeManifest(m);
        return new Created(dir, trials);
    }
}
