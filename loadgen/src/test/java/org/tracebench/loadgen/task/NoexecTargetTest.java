package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exec target with its execute bits on a file system mounted noexec: the message says noexec, not the bits. */
class NoexecTargetTest {
    @TempDir Path dir;

    @Test
    void anExecTargetOnANoexecMountIsRefusedNamingTheMount() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "mounting a tmpfs needs root");
        Path mnt = Files.createDirectory(dir.resolve("noexec mnt")); // a space: mountinfo escapes it as \040
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=1m", "tmpfs", mnt.toString())
                .inheritIO().start().waitFor(), "mount a noexec tmpfs");
        try {
            Path script = Files.writeString(mnt.resolve("run.sh"), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path f = write(dir, "t.yaml", "tasks:\n  - {op: execute-subproc, path: \"" + script + "\"}\n");
            List<String> problems = TaskFiles.validate(f, dir.resolve("root"), List.of(), OptionalInt.empty()).problems();
            assertTrue(joined(problems).contains("The exec target " + script + " cannot be executed: the file system"
                    + " that holds it is mounted noexec (at " + mnt + "); expected an executable on a file system mounted"
                    + " without noexec"), joined(problems));
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }
}
