package org.tracebench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;

/** Which trials --resume runs again, and that an earlier attempt's files are kept aside, never deleted. */
class ResultsDirTest {
    @TempDir Path tmp;

    private static TrialSpec trial(int n) {
        return new TrialSpec(n, TracerSpec.of("strace"), "mixed", Path.of("/x/mixed.yaml"), 1, n, TrialSpec.Placement.NONE);
    }

    @Test
    void invalidAndUnreadableTrialsRunAgainWithTheirOldFilesMovedAside() throws Exception {
        ResultsDir rd = ResultsDir.create(tmp, "s", LocalDateTime.of(2026, 12, 7, 10, 0));
        rd.writeManifest(java.util.Map.of("suite", "s"));
        String[] contents = {"{\"status\": \"ok\"}", "{\"status\": \"invalid\", \"invalidReason\": \"strace died\"}", "{trunc"};
        for (int i = 0; i < contents.length; i++) {
            Path d = Files.createDirectories(rd.trialDir(trial(i + 1)));
            Files.writeString(d.resolve("trial.json"), contents[i]);
            Files.writeString(d.resolve("tracer-stderr.txt"), "attempt 1");
        }
        assertTrue(rd.finished(trial(1)));
        assertFalse(rd.finished(trial(2)));
        assertFalse(rd.finished(trial(3)));
        Path edited = Files.createDirectories(rd.trialDir(trial(4)));
        Files.writeString(edited.resolve("trial.json"), "{\"status\": \"ok\", \"throughputOpsPerSecond\": \"abc\"}");
        assertFalse(rd.finished(trial(4)), "report leaves it out, so --resume runs it again");
        for (int round = 1; round <= 2; round++) {
            Path fresh = rd.freshTrialDir(trial(2));
            try (var s = Files.list(fresh)) {
                assertEquals(0, s.count(), "the retried trial starts empty");
            }
            Path aside = rd.dir().resolve("replaced").resolve(trial(2).dirName() + "." + round);
            assertTrue(Files.isRegularFile(aside.resolve(round == 1 ? "trial.json" : "note")), aside + " keeps the attempt");
            Files.writeString(fresh.resolve("trial.json"), contents[1]); // invalid again
            Files.writeString(fresh.resolve("note"), "attempt " + (round + 1));
            if (round == 1) Files.writeString(fresh.resolve("note"), "attempt 2");
        }
        assertEquals("attempt 1", Files.readString(rd.dir().resolve("replaced").resolve(trial(2).dirName() + ".1/tracer-stderr.txt")));
        rd.freshTrialDir(trial(3));
        assertEquals("{trunc", Files.readString(rd.dir().resolve("replaced").resolve(trial(3).dirName() + ".1/trial.json")));
        Files.writeString(rd.trialDir(trial(1)).resolve("debris"), "x");
        rd.discard(trial(1)); // recorded: kept
        assertTrue(Files.exists(rd.trialDir(trial(1)).resolve("trial.json")));
    }

    @Test
    void aResultsDirectoryRemovedUnderTheRunIsNotRecreatedAndSaysItHasGone() throws Exception {
        ResultsDir rd = ResultsDir.create(tmp, "s", LocalDateTime.of(2026, 12, 7, 10, 0));
        rd.writeManifest(java.util.Map.of("suite", "s"));
        Path trial = rd.freshTrialDir(trial(1));
        ResultsDir.deleteTree(rd.dir()); // rm -rf under the run
        ResultsWriteException late = assertThrows(ResultsWriteException.class,
                () -> rd.writing(() -> rd.writeJson(trial.resolve("trial.json"), java.util.Map.of("status", "ok"))));
        assertTrue(late.getMessage().contains(rd.dir() + " has gone (its manifest.json is missing)"), late.getMessage());
        ResultsWriteException next = assertThrows(ResultsWriteException.class, () -> rd.freshTrialDir(trial(2)));
        assertTrue(next.getMessage().contains("nothing more is run"), next.getMessage());
        assertFalse(Files.exists(rd.dir()), "the removed results directory stays removed");
    }

    @Test
    void aFullResultsDirectorySaysSoWithTheResumeCommand() throws Exception {
        org.tracebench.tracers.testing.Requirements.requireRoot(); // mounts a 1 MiB tmpfs
        Path mnt = Files.createDirectories(tmp.resolve("small"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString())
                .inheritIO().start().waitFor(), "mount a tmpfs");
        try {
            ResultsDir rd = ResultsDir.create(mnt, "s", LocalDateTime.of(2026, 12, 7, 10, 0));
            rd.writeManifest(java.util.Map.of("suite", "s"));
            Path trial = rd.freshTrialDir(trial(1));
            fill(mnt.resolve("filler"));
            ResultsWriteException full = assertThrows(ResultsWriteException.class,
                    () -> rd.writing(() -> rd.writeJson(trial.resolve("trial.json"), java.util.Map.of("status", "ok", "pad", "x".repeat(8192)))));
            assertTrue(full.getMessage().startsWith("Could not write to the results directory " + rd.dir()
                    + ": No space left on device"), full.getMessage());
            assertTrue(full.getMessage().endsWith("continue with: ./tracebench run --resume " + rd.dir()), full.getMessage());
            assertFalse(rd.recorded(trial(1)), "the trial that could not be written is not recorded");
        } finally {
            if (new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor() != 0) {
                new ProcessBuilder("umount", "-l", mnt.toString()).inheritIO().start().waitFor();
                throw new AssertionError("the tmpfs was still in use: a file in it was left open");
            }
        }
    }

    /** Writes {@code f} until the file system is full: every page taken. */
    static void fill(Path f) throws java.io.IOException {
        try (var out = Files.newOutputStream(f)) {
            for (int chunk : new int[] {65536, 4096, 1}) {
                byte[] b = new byte[chunk];
                try {
                    while (true) {
                        out.write(b);
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    // full at this granularity: try a smaller one
                }
            }
        } catch (java.io.IOException e) {
            // closing a full file
        }
    }
}
