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
        assertTrue(r.out().contains("Suite dry: 6 trial(s), seed 42, order round-robin"), r.out());
        assertTrue(r.out().contains("001-none-tiny-task-w1-r1"), r.out());
        assertTrue(r.out().contains("006-strace-tiny-task-w1-r3"), r.out());
        assertFalse(r.out().contains("fatrace"), "--tracers keeps only the named tracers and none");
        assertTrue(r.out().contains("Estimated time:"), r.out());
        assertFalse(Files.exists(out), "a dry run writes nothing");
    }

    @Test
    void theLastLineSplitsTheWallTime() {
        var quick = new org.tracebench.harness.trial.SuiteRunner.Outcome(12, 0, 0, false, List.of(), 60, 12, 85.2);
        assertEquals("Ran 12 trial(s) (0 already finished, 0 invalid) in 85 s for 60 s of measurement windows (1.42×): "
                + "12 s of warm-up, 13 s between windows (load start, tracer attach and stop, cooldown, results).",
                RunCommand.wallTimeLine(quick));
        var nothing = new org.tracebench.harness.trial.SuiteRunner.Outcome(0, 3, 0, false, List.of(), 0, 0, 0.4);
        assertEquals("Ran 0 trial(s) (3 already finished, 0 invalid) in 0 s.", RunCommand.wallTimeLine(nothing));
    }

    @Test
    void badInputExitsTwoWithSentencesNamingTheProblem() throws Exception {
        Path suite = SuiteFixture.write(tmp, "bad", List.of("strase"), "2s", 1);
        Executed unknown = run(suite.toString(), "--dry-run");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown tracer 'strase'. Did you mean 'strace'?"), unknown.err());

        Path good = SuiteFixture.write(Files.createDirectories(tmp.resolve("good")), "good", List.of("strace"), "2s", 1);
        Executed flag = run(good.toString(), "--dry-run", "--tracers", "strace,fatrce");
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("The option --tracers names an unknown tracer 'fatrce'. Did you mean 'fatrace'?"),
                flag.err());
        assertFalse(flag.err().contains(good.toString()), "the suite file is not to blame: " + flag.err());

        Executed dur = run(suite.toString(), "--duration", "soon");
        assertEquals(2, dur.code());
        assertTrue(dur.err().startsWith("--duration: 'soon' is not a duration"), dur.err());

        Executed reps = run(suite.toString(), "--repetitions", "0");
        assertEquals(2, reps.code());
        assertTrue(reps.err().contains("--repetitions must be at least 1"), reps.err());

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
}
