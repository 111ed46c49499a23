package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracebench.harness.results.ResultsDir;

/**
 * Removes trial work roots ({@code run-<harness pid>-t<N>}, see {@link TrialRunner#privateWorkRoot}) that a harness
 * killed with SIGKILL could not remove: {@link TrialRunner} sweeps each parent directory once per run, before the
 * first trial that works there. A root is stale when its harness pid is not running and no load generator holds its lock file
 * ({@code .tracebench.lock}, an fcntl lock a live load generator keeps); anything else is left alone, so a pid
 * reused by another process only delays the removal.
 */
final class StaleWorkRoots {
    private static final Pattern NAME = Pattern.compile("run-(\\d+)-t\\d+");
    private StaleWorkRoots() {}

    /** Removes the stale roots in {@code parent}; returns how many. Failures leave a root in place. */
    static int sweep(Path parent) {
        int removed = 0;
        if (!Files.isDirectory(parent)) return 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isPresent() || lockedByALoadGenerator(p)) continue;
                try {
                    ResultsDir.deleteTree(p);
                    removed++;
                } catch (IOException e) {
                    // left for a later run or doctor; never fails a trial
                }
            }
        } catch (IOException e) {
            // unreadable parent: the load generator reports it
        }
        return removed;
    }

    private static boolean lockedByALoadGenerator(Path root) {
        Path lock = root.resolve(".tracebench.lock");
        if (!Files.exists(lock)) return false;
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: keep it
        }
    }
}
