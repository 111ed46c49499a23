package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes the page cache's dirty data back before a trial's window, so that no trial pays for the writeback its
 * predecessor left (the kernel flushes dirty pages 30 s after they were dirtied, inside whichever window runs then:
 * 13-15 MB after a few seconds of cached-write here). Runs {@code sync(1)} for every file system: the harness has no
 * system call of its own for it. Called before the harness's quiet check, so its own CPU settles before GO.
 */
final class DirtyPages {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /**
     * What one flush found and took.
     *
     * @param dirtyKbBefore the kernel's {@code Dirty:} before the flush, in KiB; -1 when unreadable
     * @param finished      false when {@code sync} had not returned within the timeout (the trial then goes on)
     */
    record Flush(long dirtyKbBefore, boolean finished) {}

    private DirtyPages() {}

    /** Runs {@code sync}, waiting at most {@code timeout}; a missing {@code sync} binary is an IOException. */
    static Flush flush(Duration timeout) throws IOException, InterruptedException {
        long before = dirtyKb();
        Process p = new ProcessBuilder("sync").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (done && p.exitValue() != 0) throw new IOException("sync exited with status " + p.exitValue() + ".");
        return new Flush(before, done); // a sync still running finishes on its own; killing it would not stop the I/O
    }

    /** {@code Dirty:} of /proc/meminfo in KiB, or -1. */
    static long dirtyKb() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("Dirty:")) return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unexpected format: unknown
        }
        return -1;
    }
}
