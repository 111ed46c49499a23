package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.LockHolderMain;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.tracers.testing.Requirements;

/** run and run --resume against another process holding the results directory's or the machine's lock. */
class RunLocksTest {
    @TempDir
    Path tmp;

    private Executed run(String... args) {
        RunCommand c = new RunCommand(TestTracers::registry);
        c.isRoot = () -> true; // refused before anything needs root
        c.machineLock = tmp.resolve("machine").resolve("trials.lock");
        return Executed.run(c, args);
    }

    @Test
    void aResumeOfADirectoryAnotherRunHoldsIsRefusedAndTouchesNothing() throws Exception {
        RunPlanning.Created created = SuiteFixture.resultsWithFirstTrialDone(tmp, "res", List.of("none")).created();
        Path dir = created.dir().dir();
        Path first = created.dir().trialDir(created.trials().get(0));
        String manifest = Files.readString(dir.resolve("manifest.json"));
        Process other = LockHolderMain.start(dir.resolve(ResultsDir.LOCK_FILE));
        try {
            Executed r = run("--resume", dir.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith(dir + " is in use by another tracebench run (pid " + other.pid() + "): two runs"
                    + " of one results directory would run the same missing trials and delete each other's; nothing was"
                    + " run."), r.err());
            assertEquals(manifest, Files.readString(dir.resolve("manifest.json")), "no session appended");
            assertEquals("{\"status\": \"ok\"}", Files.readString(first.resolve("trial.json")));
            assertFalse(Files.exists(created.dir().trialDir(created.trials().get(1))), "the missing trial did not start");
            Executed dry = run("--resume", dir.toString(), "--dry-run");
            assertEquals(0, dry.code(), "a dry run needs no lock: " + dry.err());
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    @Test
    void aSecondRunOnTheMachineIsRefusedByDefaultAndWritesNothing() throws Exception {
        Path suite = SuiteFixture.write(tmp, "two", List.of("none"), "1s", 1);
        Path out = tmp.resolve("out");
        Process other = LockHolderMain.start(tmp.resolve("machine").resolve("trials.lock"));
        try {
            Executed r = run(suite.toString(), "--out", out.toString(), "--warmup", "0s");
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("Another tracebench process (pid " + other.pid()) && r.err().contains(
                    " is running trials on this machine, and two runs at once measure each other (their loads and"
                    + " tracers compete for the CPUs), so nothing was run. Let it finish first, or give"
                    + " --allow-concurrent-runs to run anyway"), r.err());
            assertFalse(Files.exists(out), "nothing written");
            Executed dry = run(suite.toString(), "--out", out.toString(), "--dry-run");
            assertEquals(0, dry.code(), "a dry run needs no lock: " + dry.err());
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    @Test
    void aHarnessMidTrialWithoutTheLockIsFoundByItsCgroupAndRefusedToo() throws Exception {
        Requirements.requireRoot();
        Path root = org.tracebench.tracers.sys.Cgroups.v2Root().orElse(null);
        Requirements.require(root != null, "No cgroup v2 hierarchy here.");
        Path suite = SuiteFixture.write(tmp, "cg", List.of("none"), "1s", 1);
        Path out = tmp.resolve("out");
        Process other = new ProcessBuilder("sleep", "600").start(); // an older harness, mid-trial
        Path cgroup = Files.createDirectory(root.resolve("tracebench-" + other.pid() + "-test-locks"));
        try {
            Executed r = run(suite.toString(), "--out", out.toString(), "--warmup", "0s");
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("Another tracebench process (pid ") && r.err().contains(Long.toString(other.pid()))
                    && r.err().contains("--allow-concurrent-runs"), r.err());
            assertFalse(Files.exists(out), "nothing written");
        } finally {
            other.destroyForcibly();
            other.waitFor();
            Files.deleteIfExists(cgroup);
        }
    }

    @Test
    void allowConcurrentRunsRunsWithAWarningAndRecordsTheOverlap() throws Exception {
        Requirements.requireRoot();
        Path suite = SuiteFixture.write(tmp, "both", List.of("none"), "1s", 1);
        Path out = tmp.resolve("out");
        Process other = LockHolderMain.start(tmp.resolve("machine").resolve("trials.lock"));
        Executed r;
        try {
            r = run(suite.toString(), "--out", out.toString(), "--warmup", "0s", "--allow-concurrent-runs");
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Warning: another tracebench process (pid " + other.pid() + ") holds "
                + tmp.resolve("machine").resolve("trials.lock") + ": it is running trials on this machine"), r.err());
        Path results = RunEndToEndTest.onlyResultsDir(out);
        Map<String, Object> manifest = RunEndToEndTest.json(results.resolve("manifest.json"));
        List<?> overlapped = (List<?>) manifest.get("overlappedRuns");
        assertEquals(1, overlapped.size(), manifest.toString());
        assertTrue(((List<?>) ((Map<?, ?>) overlapped.get(0)).get("otherPids")).stream()
                .anyMatch(p -> ((Number) p).longValue() == other.pid()), overlapped.toString());
        // report only reads: it needs no lock, and the lock file (held by another run here) is not a result to it
        Process resuming = LockHolderMain.start(results.resolve(ResultsDir.LOCK_FILE));
        try {
            Executed report = Executed.run(new ReportCommand(), results.toString(), "--formats", "svg");
            assertEquals(0, report.code(), report.out() + report.err());
            assertFalse((report.out() + report.err()).contains(ResultsDir.LOCK_FILE), report.out() + report.err());
        } finally {
            resuming.destroyForcibly();
            resuming.waitFor();
        }
    }
}
