package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.suite.Suite;
import org.tracebench.harness.suite.SuiteParser;

/** validate and run (--dry-run too) warn before a run that a suite's workers exceed the CPUs its load may use. */
class OversubscribedTest {
    @TempDir Path tmp;

    private Suite suite(String workers, String pinning) throws Exception {
        Path f = tmp.resolve("s" + workers + pinning + ".yaml");
        Files.writeString(f, "name: s\ntasks:\n  - name: r\n    workRoot: " + tmp.resolve("root") + "\n    setup:\n"
                + "      - path: f.txt\n        text: \"x\"\n    tasks:\n      - op: stat\n        path: f.txt\n"
                + "tracers: [none]\nworkers: " + workers + "\npinning: " + pinning + "\n");
        return SuiteParser.parse(f);
    }

    @Test
    void moreWorkersThanTheLoadsCpusGetANoteWithTheFix() throws Exception {
        String eight = Oversubscribed.notice(suite("8", "none"), List.of(0, 1)).orElseThrow();
        assertTrue(eight.startsWith("Warning: ") && eight.contains("workers 8 exceeds the 2 CPUs the load may use here")
                && eight.contains("oversubscribed") && eight.contains("at most 2 workers"), eight);
        assertEquals(Optional.empty(), Oversubscribed.notice(suite("2", "none"), List.of(0, 1)), "as many as CPUs: quiet");
        String pinned = Oversubscribed.notice(suite("[1, 2]", "separate-cpus"), List.of(0, 1)).orElseThrow();
        assertTrue(pinned.contains("workers 2 exceeds the 1 CPU"), "separate-cpus leaves the load one CPU of two: " + pinned);
    }
}
