package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command's input handling, without running trials: every path here exits before the first trial. */
class RunCommandTest {
    @TempDir
    Path tmp;

    private Executed run(String... args) {
        return Executed.run(new RunCommand(TestTracers::registry), args);
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws Exception {
        Path suite = SuiteFixture.write(tmp, "dry", List.of("strace", "fatrace"), "2s", 2);
        Path out = tmp.resolve("out");
        Executed r = run(suite.toString(), "--dry-run", "--out", out.toString(), "--repetitions", "3", "--tracers", "strace");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Suite dry: 6 trial(s), order round-robin (unshuffled: no seed)"), r.out());
        assertTrue(r.out().contains("001-none-tiny-task-w1-r1"), r.out());
        assertTrue(r.out().contains("006-strace-tiny-task-w1-r3"), r.out());
        assertFalse(r.out().contains("fatrace"), "--tracers keeps only the named tracers and none");
        assertTrue(r.out().contains("Estimated time:"), r.out());
        assertFalse(Files.exists(out), "a dry run writes nothing");
    }

    @Test
    void aPairedDryRunShowsEachBlockAndTheTrialsPerTracer() throws Exception {
        Path suite = SuiteFixture.write(tmp, "pairs", List.of("none", "strace"), "2s", 1);
        Files.writeString(suite, Files.readString(suite).replace("order: round-robin", "order: paired"));
        Executed r = run(suite.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Suite pairs: 8 trial(s), seed 42, order paired\n  per tracer: none 6, strace 2\n"), r.out());
        assertTrue(r.out().contains("  block 1 (A/A check: none against itself): none, none, none, none\n")
                || r.out().contains("  block 2 (A/A check: none against itself): none, none, none, none\n"), r.out());
        assertTrue(r.out().matches("(?s).*  block [12] \\(strace against none\\): none, strace, strace, none\n"
                + "    00[15]-none-tiny-task-w1-r1  \\S+\n    00[26]-strace-tiny-task-w1-r1 .*"), r.out());
    }

    @Test
    void warmupOverrideReachesThePlan() throws Exception {
        Path suite = SuiteFixture.write(tmp, "warm", List.of("strace"), "2s", 1);
        Executed r = run(suite.toString(), "--dry-run", "--warmup", "0s", "--duration", "3s");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(0s warm-up + 3s measured per trial"), r.out());
    }

    @Test
    void resumeRefusesSettingsItWouldIgnoreAndItsDryRunCountsOnlyTheMissingTrials() throws Exception {
        SuiteFixture.Interrupted interrupted = SuiteFixture.resultsWithFirstTrialDone(tmp, "res", List.of("strace"));
        RunPlanning.Created created = interrupted.created();
        Path dir = created.dir().dir();
        Path first = created.dir().trialDir(created.trials().get(0));
        Path second = Files.createDirectories(created.dir().trialDir(created.trials().get(1)));
        Files.writeString(second.resolve("trial.json"), "{\"status\": \"invalid\"}"); // runs again

        for (String option : List.of("--duration", "--warmup", "--repetitions", "--tracers", "--out")) {
            String value = switch (option) {
                case "--repetitions" -> "3";
                case "--tracers" -> "strace";
                case "--out" -> tmp.resolve("elsewhere").toString();
                default -> "1s";
            };
            Executed r = run("--resume", dir.toString(), "--dry-run", option, value);
            assertEquals(2, r.code(), option + ": " + r.out());
            assertTrue(r.err().startsWith(option + " does not go with --resume: a resumed suite runs its missing trials "
                    + "with the settings recorded in " + dir.resolve("manifest.json")), r.err());
        }

        Executed dry = run("--resume", dir.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("Suite res: 4 trial(s) (1 already finished, 3 to run), order round-robin (unshuffled: no seed)"), dry.out());
        assertTrue(dry.out().contains(created.trials().get(0).dirName() + "  " + created.trials().get(0).taskFile() + "  (finished)"),
                dry.out());
        assertEquals(1, dry.out().split("\\(finished\\)", -1).length - 1, dry.out());
        assertTrue(dry.out().contains(created.trials().get(1).dirName() + "  " + created.trials().get(1).taskFile()
                + "  (runs again: its attempt was invalid or unreadable; moved to replaced/)"), dry.out());
        long perTrial = PlanPrinting.estimatedTrial(interrupted.plan()).toMillis();
        assertTrue(dry.out().contains("Estimated time: about " + org.tracebench.harness.suite.Durations.approx(Math.round(perTrial / 1e3 * 3))),
                "the estimate covers the 3 missing trials: " + dry.out());
    }

    @Test
    void theRunKeepsACopyOfEachTaskFileAndResumeRefusesATaskFileThatChangedSince() throws Exception {
        Path suite = SuiteFixture.write(tmp, "keep", List.of("strace"), "2s", 2);
        var err = new java.io.PrintWriter(new java.io.StringWriter());
        RunPlanning.Planned plan = new RunPlanning(TestTracers.registry(), false, err).fresh(suite, null, null, null, null, List.of());
        RunPlanning.Created created = RunPlanning.createResults(plan, tmp.resolve("out"));
        Path dir = created.dir().dir();
        String task = Files.readString(tmp.resolve("tiny-task.yaml"));
        assertEquals(task, Files.readString(dir.resolve("tasks/tiny-task.yaml")), "a byte-for-byte copy of what runs");
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"taskFiles\"") && manifest.contains("\"source\": \"" + tmp.resolve("tiny-task.yaml") + "\""),
                manifest);
        Path first = Files.createDirectories(created.dir().trialDir(created.trials().get(0)));
        Files.writeString(first.resolve("trial.json"), "{\"status\": \"ok\"}");
        Path second = Files.createDirectories(created.dir().trialDir(created.trials().get(1)));
        Files.writeString(second.resolve("trial.json"), "{\"status\": \"invalid\"}"); // runs again

        assertEquals(0, run("--resume", dir.toString(), "--dry-run").code(), "unchanged: resumes");
        Files.writeString(tmp.resolve("tiny-task.yaml"), task.replace("size: 1KiB", "size: 2KiB"));
        Executed changed = run("--resume", dir.toString(), "--dry-run");
        assertEquals(2, changed.code(), changed.out());
        assertTrue(changed.err().startsWith("--resume: the task file " + tmp.resolve("tiny-task.yaml") + " of workload "
                + "'tiny-task' changed since the run started (SHA-256 "), changed.err());
        assertTrue(changed.err().contains("Restore it (a copy of what ran is " + dir.resolve("tasks/tiny-task.yaml")
                + ") or start a new run."), changed.err());
        Files.delete(tmp.resolve("tiny-task.yaml"));
        Executed gone = run("--resume", dir.toString(), "--dry-run");
        assertEquals(2, gone.code(), gone.out());
        assertTrue(gone.err().contains("cannot be read now (NoSuchFileException)"), gone.err());
        Files.writeString(tmp.resolve("tiny-task.yaml"), task);
        assertEquals(0, run("--resume", dir.toString(), "--dry-run").code(), "restored: resumes again");
    }

    @Test
    void aLoderFileWithAbsolutePathsNeedsTheSuitesAllowPathsOrRunsAllowPathAndIsRefusedBeforeAnyTrialWithout() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("loder.yaml"), "- kind: write\n  scale: 1\n  files: [" + data + "/w%d.txt]\n");
        String head = "name: leg\ntasks: [loder.yaml]\ntracers: [strace]\nworkers: 2\nrepetitions: 1\norder: round-robin\nseed: 1\n";
        Path suite = tmp.resolve("leg.yaml");
        Files.writeString(suite, head);
        Executed refused = run(suite.toString(), "--dry-run");
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains("loder.yaml:3:11: The `write` path `" + data + "/w%d.txt` for worker 0 resolves to " + data
                + "/w0.txt, outside the work root"), refused.err());
        assertTrue(refused.err().contains("In a suite, list the directory under 'allowPaths' (relative to leg.yaml) or pass "
                + "--allow-path DIR to tracebench run."), refused.err());

        Executed flag = run(suite.toString(), "--dry-run", "--allow-path", data.toString());
        assertEquals(0, flag.code(), flag.err());

        Files.writeString(suite, head + "allowPaths: [data]\n");
        var err = new java.io.PrintWriter(new java.io.StringWriter());
        RunPlanning.Planned plan = new RunPlanning(TestTracers.registry(), false, err).fresh(suite, null, null, null, null, List.of());
        assertEquals(List.of(data), plan.allowPaths(), "relative to the suite's directory");
        assertEquals(List.of(data.toString()), plan.suiteAsRun().get("allowPaths"), "recorded for --resume");
        RunPlanning.Created created = RunPlanning.createResults(plan, tmp.resolve("out"));
        RunPlanning.Planned resumed = new RunPlanning(TestTracers.registry(), false, err).resume(created.dir().dir());
        assertEquals(List.of(data), resumed.allowPaths());
        var settings = org.tracebench.harness.trial.TrialSettings.forThisJvm(java.time.Duration.ofSeconds(1),
                java.time.Duration.ZERO, java.time.Duration.ofMillis(500), null).withAllowPaths(resumed.allowPaths());
        List<String> cmd = new org.tracebench.harness.trial.TrialRunner(settings, created.dir())
                .loadCommand(created.trials().get(0), tmp.resolve("load.json"), null);
        int i = cmd.indexOf("--allow-path");
        assertTrue(i > 0 && cmd.get(i + 1).equals(data.toString()), "the load generator gets the directory: " + cmd);
    }

    @Test
    void theLastLineSplitsTheWallTime() {
        var quick = new org.tracebench.harness.trial.SuiteRunner.Outcome(12, 0, 0, false, List.of(), 60, 12, 5.5, 85.2);
        assertEquals("Ran 12 trial(s) (0 already finished, 0 invalid) in 85 s for 60 s of measurement windows (1.42×): "
                + "12 s of warm-up, 13 s between windows (the suite's cooldown asks for 6 s of them; load start, tracer"
                + " attach and stop and results overlap it where they can).", RunCommand.wallTimeLine(quick));
        var noCooldown = new org.tracebench.harness.trial.SuiteRunner.Outcome(2, 0, 0, false, List.of(), 10, 0, 0, 12.4);
        assertEquals("Ran 2 trial(s) (0 already finished, 0 invalid) in 12 s for 10 s of measurement windows (1.24×): "
                + "0 s of warm-up, 2 s between windows (load start, tracer attach and stop, results).",
                RunCommand.wallTimeLine(noCooldown));
        var nothing = new org.tracebench.harness.trial.SuiteRunner.Outcome(0, 3, 0, false, List.of(), 0, 0, 0, 0.4);
        assertEquals("Ran 0 trial(s) (3 already finished, 0 invalid) in 0 s.", RunCommand.wallTimeLine(nothing));
    }

    @Test
    void badInputExitsTwoWithSentencesNamingTheProblem() throws Exception {
        Path suite = SuiteFixture.write(tmp, "bad", List.of("strase"), "2s", 1);
        Executed unknown = run(suite.toString(), "--dry-run");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown tracer 'strase'. Did you mean 'strace'?"), unknown.err());

        Path good = SuiteFixture.write(Files.createDirectories(tmp.resolve("good")), "good", List.of("strace"), "2s", 1);
        Executed flag = run(good.toString(), "--dry-run", "--tracers", "strace,fatrce");
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("The option --tracers names an unknown tracer 'fatrce'. Did you mean 'fatrace'?"),
                flag.err());
        assertFalse(flag.err().contains(good.toString()), "the suite file is not to blame: " + flag.err());

        Executed dur = run(suite.toString(), "--duration", "soon");
        assertEquals(2, dur.code());
        assertTrue(dur.err().startsWith("--duration must be a duration with a unit, such as 30s, 500ms or 2m; found 'soon'."), dur.err());

        Executed zero = run(suite.toString(), "--dry-run", "--duration", "0s");
        assertEquals(2, zero.code());
        assertEquals("--duration must be longer than zero; found '0s'.", zero.err().strip());
        for (String[] bad : new String[][] {{"--duration", "5"}, {"--duration", "1000000h"}, {"--repetitions", "100000"}}) {
            Executed r = run(suite.toString(), "--dry-run", bad[0], bad[1]);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith(bad[0] + " must be "), r.err());
        }
        Executed ns = run(good.toString(), "--dry-run", "--duration", "1ns");
        assertEquals(0, ns.code(), ns.err());

        Executed warm = run(suite.toString(), "--dry-run", "--warmup", "soon");
        assertEquals(2, warm.code());
        assertTrue(warm.err().startsWith("--warmup must be a duration with a unit"), warm.err());

        Executed reps = run(suite.toString(), "--repetitions", "0");
        assertEquals(2, reps.code());
        assertTrue(reps.err().contains("--repetitions must be a whole number from 1 to 1000; found 0."), reps.err());

        Executed neither = run();
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("Give either a SUITE file or --resume DIR"), neither.err());

        Executed notResults = run("--resume", tmp.toString());
        assertEquals(2, notResults.code());
        assertTrue(notResults.err().contains("is not a tracebench results directory (it has no manifest.json)"), notResults.err());
    }

    @Test
    void withoutRootItSaysWhatNeedsRootAndRunsNothing() throws Exception {
        Path suite = SuiteFixture.write(tmp, "nr", List.of("strace"), "2s", 1);
        Path out = tmp.resolve("out");
        RunCommand notRoot = new RunCommand(TestTracers::registry);
        notRoot.isRoot = () -> false;
        Executed r = Executed.run(notRoot, suite.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("tracebench run needs root: each trial creates a cgroup v2"), r.err());
        assertTrue(r.err().contains("--dry-run works without root"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aDryRunWithoutRootPlansTheTracersThatLackOnlyRootAndARealRunIsRefusedNamingThem() throws Exception {
        org.tracebench.tracers.testing.Requirements.require(org.tracebench.tracers.proc.Probes.onPath("strace").isPresent(),
                "strace is not installed.");
        Path suite = SuiteFixture.write(tmp, "nrdry", List.of("strace"), "2s", 2);
        Path out = tmp.resolve("out");
        RunCommand notRoot = new RunCommand(); // the real backends, probed as the root hook says
        notRoot.isRoot = () -> false;
        Executed dry = Executed.run(notRoot, suite.toString(), "--dry-run", "--out", out.toString());
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("Suite nrdry: 4 trial(s), order round-robin (unshuffled: no seed)\n  per tracer: none 2, strace 2\n"
                + "  needs root: strace (planned as a run as root would run it, and counted in the estimate; "
                + "Attaching to another process with ptrace needs root here.)\n"), dry.out());
        assertTrue(dry.out().matches("(?s).*  002-strace-tiny-task-w1-r1  \\S+  \\(needs root\\)\n.*"), dry.out());
        assertTrue(dry.out().matches("(?s).*  001-none-tiny-task-w1-r1  \\S+\n.*"), "none needs no mark: " + dry.out());
        assertFalse(dry.err().contains("Skipping tracer strace"), dry.err());

        notRoot = new RunCommand();
        notRoot.isRoot = () -> false;
        Executed real = Executed.run(notRoot, suite.toString(), "--out", out.toString());
        assertEquals(2, real.code(), real.out());
        // the root check comes first, naming the tracer: not "no tracer left", then "needs root" once that is fixed
        assertEquals("tracebench run needs root: each trial creates a cgroup v2 for the load generator, and the tracers strace"
                + " attach to other processes (ptrace), use fanotify, tracefs or BPF. Run it again with sudo; --dry-run works"
                + " without root.\n", real.err());
        assertFalse(Files.exists(out));
    }
}
