package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A work root without room for the setup files: the failure names the file, its task-file line and the work root. */
class SetupSpaceTest extends LoadCliTestBase {
    @Test
    void aFullWorkRootNamesTheSetupFileAndTheWorkRoot() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "mounting a tmpfs needs root");
        Path mnt = Files.createDirectory(dir.resolve("small"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString())
                .inheritIO().start().waitFor(), "mount a 256 KiB tmpfs");
        try {
            Path work = mnt.resolve("root");
            Path f = Files.writeString(dir.resolve("big.yaml"), "setup:\n  - {path: big.bin, size: 1MiB}\n"
                    + "tasks:\n  - {op: stat, path: big.bin}\n");
            assertEquals(1, load(f.toString(), "--work-root", work.toString(), "--duration", "100ms", "--warmup", "0s"),
                    err.toString());
            assertTrue(err.toString().contains("The load run failed: Creating the setup file " + work.resolve("big.bin")
                    + " (" + f + ":2:12) in the work root " + work + " failed: No space left on device."), err.toString());
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }
}
