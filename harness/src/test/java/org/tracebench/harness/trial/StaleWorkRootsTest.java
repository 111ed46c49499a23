package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work roots of dead harnesses go; those of live ones, and anything not named like a work root, stay. */
class StaleWorkRootsTest {
    @TempDir Path parent;

    @Test
    void removesOnlyRootsOfHarnessesThatAreGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        long dead = p.pid(); // reaped: no process has this pid now (unless reused within these milliseconds)
        Path deadRoot = Files.createDirectories(parent.resolve("run-" + dead + "-t3").resolve("data"));
        Files.writeString(deadRoot.resolve("f.bin"), "x");
        Files.createFile(deadRoot.getParent().resolve(".tracebench.lock"));
        Path liveRoot = Files.createDirectories(parent.resolve("run-" + ProcessHandle.current().pid() + "-t1"));
        Path other = Files.createDirectories(parent.resolve("run-" + dead + "-x"));
        Path file = Files.createFile(parent.resolve("run-" + dead + "-t4"));

        assertEquals(1, StaleWorkRoots.sweep(parent));
        assertFalse(Files.exists(deadRoot.getParent()), "the dead harness's root is removed with its files");
        assertTrue(Files.isDirectory(liveRoot), "a running harness's root stays");
        assertTrue(Files.isDirectory(other), "a directory not named run-PID-tN stays");
        assertTrue(Files.isRegularFile(file), "a file named like a root stays");
        assertEquals(0, StaleWorkRoots.sweep(parent.resolve("absent")));
    }
}
