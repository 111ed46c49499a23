package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inline task is checked from a temporary copy; where java.io.tmpdir cannot take it (full, read-only, missing),
 * that is this machine's failure (exit 1, naming the directory), not a bad suite (exit 2). Separate JVMs: the JDK
 * reads java.io.tmpdir once.
 */
class InlineTaskTempDirTest {
    @TempDir Path dir;

    private int tracebench(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir.resolve("no-such-tmpdir"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
    }

    @Test
    void anUnwritableTemporaryDirectoryIsAnEnvironmentFailureNamingIt() throws Exception {
        Path suite = Files.writeString(dir.resolve("s.yaml"), """
                name: envt
                tasks:
                  - name: small
                    tasks:
                      - {op: stat, path: f}
                tracers: [none]
                """);
        Path log = dir.resolve("log.txt");
        String expected = suite + ":3:5: The inline task 'small' could not be checked because its temporary copy could"
                + " not be written in the temporary directory " + dir.resolve("no-such-tmpdir") + " (java.io.tmpdir): it"
                + " does not exist. The suite was not judged; free space there, or choose another with"
                + " TRACEBENCH_JAVA_OPTS=-Djava.io.tmpdir=DIR.";
        assertEquals(1, tracebench(log, "validate", suite.toString()), Files.readString(log));
        assertTrue(Files.readString(log).contains(expected), Files.readString(log));
        assertFalse(Files.readString(log).contains("invalid"), Files.readString(log));
        assertEquals(1, tracebench(log, "run", suite.toString(), "--dry-run"), Files.readString(log));
        assertTrue(Files.readString(log).contains(expected), Files.readString(log));
    }
}
