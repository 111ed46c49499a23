package org.tracebench.loadgen.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children through every launch mechanism: arguments, stdio, exit status, reaping. */
class RawExecTest {
    @TempDir Path dir;

    static RawExec exec(String mechanism, String... args) throws IOException {
        RawExec e = RawExec.createOrNull(mechanism, List.of(args));
        assertNotNull(e, "JdkInternals unavailable in the test JVM: " + JdkInternals.unavailableReason());
        return e;
    }

    @ParameterizedTest @ValueSource(strings = {"FORK", "VFORK", "POSIX_SPAWN"})
    void theChildGetsItsArgumentsDevNullStdinAndIsReapedByTheCaller(String mechanism) throws Exception {
        Path marker = dir.resolve("marker");
        // read on /dev/null hits EOF at once (status 1); output goes nowhere, so the marker holds only that status
        RawExec e = exec(mechanism, "-c", "read x; echo $? > \"$0\"; echo to-stdout; echo to-stderr >&2; exit 3",
                marker.toString());
        long pid = e.start(Path.of("/bin/sh"));
        assertEquals(3, e.waitFor(pid));
        assertEquals("1", Files.readString(marker).trim());
        assertFalse(Files.exists(Path.of("/proc/" + pid)), "the child was not reaped: /proc/" + pid + " exists");
    }

    @Test void aSignalledChildReportsTheSignalPlus128AsTheJdkDoes() throws Exception {
        RawExec e = exec("VFORK", "-c", "kill -9 $$");
        assertEquals(0x80 + 9, e.waitFor(e.start(Path.of("/bin/sh"))));
    }

    @Test void aMissingBinaryFailsAtStart() throws Exception {
        RawExec e = exec("VFORK");
        IOException x = assertThrows(IOException.class, () -> e.start(dir.resolve("no-such-binary")));
        assertTrue(x.getMessage().contains("No such file or directory"), x.getMessage());
    }

    @Test void theLaunchMechanismNamesMapToTheJdksModes() {
        assertEquals(1, JdkInternals.launchMode("FORK"));
        assertEquals(2, JdkInternals.launchMode("posix_spawn"));
        assertEquals(3, JdkInternals.launchMode("VFORK"));
        assertEquals(-1, JdkInternals.launchMode("CLONE"));
    }

    @Test void anUnknownMechanismGivesNoRawLauncher() throws Exception {
        assertNull(RawExec.createOrNull("CLONE", List.of()));
    }
}
