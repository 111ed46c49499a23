package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.sampling.Machine;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.tracers.Tracers;

/**
 * A trial whose work root cannot be removed at its end (here an immutable file in it, as a file system remounted
 * read-only or a busy mount would) is still recorded with its own outcome, the cleanup failure in trial.json's
 * {@code cleanupProblem}, and a Ctrl-C during such a trial still interrupts the suite.
 */
class CleanupFailureTest {
    @TempDir Path tmp;
    private final List<Path> immutable = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (Path p : immutable) chattr("-i", p);
    }

    @Test
    void aWorkRootThatCannotBeRemovedIsACleanupProblemNotTheTrialsOutcome() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chattr")) && "root".equals(System.getProperty("user.name")),
                "needs root and chattr to make a file immutable");
        ResultsDir results = results();
        Path task = task();
        TrialRunner runner = new TrialRunner(TrialSettings.forThisJvm(Duration.ofMillis(500), Duration.ZERO,
                Duration.ofMillis(250), new Machine()), results);
        TrialSpec spec = new TrialSpec(1, new TracerSpec("none", Map.of(), ""), "keep", task, 1, 1);
        TrialResult r = runner.run(spec, Tracers.byName("none"), live -> pinKeepFile());
        assertTrue(r.ok(), r.invalidReason());
        Path root = immutable.get(0).getParent();
        Map<?, ?> json = (Map<?, ?>) ResultsDir.readJson(results.trialDir(spec).resolve("trial.json"));
        assertEquals("ok", json.get("status"), json.toString());
        String problem = String.valueOf(json.get("cleanupProblem"));
        assertTrue(problem.startsWith("The trial's work root " + root + " could not be removed and is left behind"), problem);
        assertTrue(problem.contains("Operation not permitted"), problem);
        assertTrue(Files.exists(root), "left behind, as it says");
    }

    @Test
    void aCtrlCDuringATrialWhoseCleanupFailsStillInterrupts() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chattr")) && "root".equals(System.getProperty("user.name")),
                "needs root and chattr to make a file immutable");
        ResultsDir results = results();
        TrialRunner runner = new TrialRunner(TrialSettings.forThisJvm(Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofMillis(250), new Machine()), results);
        TrialSpec spec = new TrialSpec(1, new TracerSpec("none", Map.of(), ""), "keep", task(), 1, 1);
        try {
            assertThrows(InterruptedException.class, () -> runner.run(spec, Tracers.byName("none"), live -> {
                pinKeepFile();
                Thread.currentThread().interrupt(); // what the run command's shutdown hook does on Ctrl-C
            }));
        } finally {
            Thread.interrupted();
        }
        assertFalse(Files.exists(results.trialDir(spec).resolve("trial.json")), "an interrupted trial is not recorded");
    }

    private ResultsDir results() throws Exception {
        ResultsDir results = ResultsDir.create(tmp.resolve("results"), "c", java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
        Files.writeString(results.dir().resolve("manifest.json"), "{}");
        return results;
    }

    private Path task() throws Exception {
        return Files.writeString(tmp.resolve("keep.yaml"), "name: keep\nworkers: 1\nworkRoot: " + tmp.resolve("work") + "\n"
                + "setup:\n  - path: keep.txt\n    text: \"kept\\n\"\n  - path: data.txt\n    text: \"data\\n\"\n"
                + "tasks:\n  - op: stat\n    path: data.txt\n");
    }

    /** Makes the work root's keep.txt immutable while the trial measures: its removal at the end fails. */
    private void pinKeepFile() {
        try (Stream<Path> s = Files.walk(tmp.resolve("work"))) {
            Path keep = s.filter(p -> p.getFileName().toString().equals("keep.txt")).findFirst().orElseThrow();
            chattr("+i", keep);
            immutable.add(keep);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void chattr(String flag, Path p) throws Exception {
        Process pr = new ProcessBuilder("chattr", flag, p.toString()).inheritIO().start();
        assertEquals(0, pr.waitFor(), "chattr " + flag + " " + p);
    }
}
