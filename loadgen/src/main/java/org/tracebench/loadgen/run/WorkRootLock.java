package org.tracebench.loadgen.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock file a run keeps in its work root ({@code ROOT/.tracebench.lock}, an fcntl lock held from setup to
 * cleanup and released when the process dies), as others see it: the run's own cleanup for work roots inside its
 * own, and the harness's sweep of stale trial work roots.
 */
public final class WorkRootLock {
    /** The lock file's name in a work root. */
    public static final String NAME = ".tracebench.lock";

    private WorkRootLock() {}

    /**
     * Whether another run holds the lock of work root {@code root} now; false without a lock file, true when it
     * cannot tell (so callers keep the root). Probing closes a channel on the file, which drops any lock this
     * process holds on it: a caller must not be that root's run.
     */
    public static boolean heldByAnother(Path root) {
        Path lock = root.resolve(NAME);
        if (!Files.exists(lock)) return false;
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by another run in this JVM (tests)
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: keep it
        }
    }
}
