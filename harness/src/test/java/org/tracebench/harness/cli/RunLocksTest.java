package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.LockHolderMain;
import org.tracebench.harness.results.ResultsDir;

/** run --resume against another process holding the results directory's lock. */
class RunLocksTest {
    @TempDir
    Path tmp;

    private Executed run(String... args) {
        RunCommand c = new RunCommand(TestTracers::registry);
        c.isRoot = () -> true; // refused before anything needs root
        return Executed.run(c, args);
    }

    @Test
    void aResumeOfADirectoryAnotherRunHoldsIsRefusedAndTouchesNothing() throws Exception {
        Path suite = SuiteFixture.write(tmp, "res", List.of("none"), "1s", 2);
        var err = new java.io.PrintWriter(new java.io.StringWriter());
        RunPlanning.Planned plan = new RunPlanning(TestTracers.registry(), false, err).fresh(suite, null, null, null, null, List.of());
        RunPlanning.Created created = RunPlanning.createResults(plan, tmp.resolve("out"));
        Path dir = created.dir().dir();
        Path first = Files.createDirectories(created.dir().trialDir(created.trials().get(0)));
        Files.writeString(first.resolve("trial.json"), "{\"status\": \"ok\"}");
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
}
