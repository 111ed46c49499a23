package org.tracebench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results directory on a file system remounted read-only: the message says to make it writable, not to make room. */
class ReadOnlyResultsTest {
    @TempDir Path tmp;

    @Test
    void aReadOnlyResultsDirectoryIsNotAskedForRoom() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounts a tmpfs");
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", out.toString())
                .inheritIO().start().waitFor(), "mount a tmpfs");
        try {
            ResultsDir dir = ResultsDir.create(out, "ro", java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
            Files.writeString(dir.dir().resolve("manifest.json"), "{}");
            assertEquals(0, new ProcessBuilder("mount", "-o", "remount,ro", out.toString()).inheritIO().start().waitFor());
            Path file = dir.dir().resolve("summary.json");
            IOException failure = null;
            try {
                dir.writeJson(file, java.util.Map.of());
            } catch (IOException e) {
                failure = e;
            }
            String m = dir.writeFailure(file, failure).getMessage();
            assertTrue(m.startsWith("Could not write to the results directory " + dir.dir() + ": Read-only file system"), m);
            assertTrue(m.endsWith("; once its file system is writable again (remounted read-write), continue with:"
                    + " ./tracebench run --resume " + dir.dir()), m);
            assertFalse(m.contains("room"), m);
        } finally {
            if (new ProcessBuilder("umount", out.toString()).inheritIO().start().waitFor() != 0) {
                new ProcessBuilder("umount", "-l", out.toString()).inheritIO().start().waitFor();
            }
        }
    }
}
