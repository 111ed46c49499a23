package org.tracebench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
