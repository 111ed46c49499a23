package org.tracebench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock against another process (a child JVM), and that the kernel drops it when its holder is killed. */
class HarnessLockTest {
    @Test
    void anotherProcessIsRefusedWithItsPidUntilTheHolderIsKilled(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sub").resolve("x.lock");
        Process holder = LockHolderMain.start(file);
        try {
            HarnessLock.Held h = assertThrows(HarnessLock.Held.class, () -> HarnessLock.acquire(file));
            assertEquals(holder.pid(), h.pid().orElse(-1));
            assertEquals(" (pid " + holder.pid() + ")", h.pidText());
        } finally {
            holder.destroyForcibly(); // SIGKILL: no finally of the holder runs
            holder.waitFor();
        }
        try (HarnessLock l = HarnessLock.acquire(file)) {
            HarnessLock.Held self = assertThrows(HarnessLock.Held.class, () -> HarnessLock.acquire(file),
                    "held by this JVM: refused without a second channel (closing one would drop the other's lock)");
            assertEquals(ProcessHandle.current().pid(), self.pid().orElse(-1));
        }
        HarnessLock.acquire(file).close(); // released by close
    }

    @Test
    void aResultsDirectoryLockNamesTheDirectoryAndTheOtherRun(@TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("manifest.json"), "{}");
        ResultsDir dir = ResultsDir.open(tmp);
        Process holder = LockHolderMain.start(tmp.resolve(ResultsDir.LOCK_FILE));
        try {
            HarnessLock.Held h = assertThrows(HarnessLock.Held.class, dir::lock);
            assertTrue(h.getMessage().startsWith(dir.dir() + " is in use by another tracebench run (pid " + holder.pid()
                    + "): "), h.getMessage());
        } finally {
            holder.getOutputStream().close(); // ends it
            holder.waitFor();
        }
        dir.lock().close();
    }
}
