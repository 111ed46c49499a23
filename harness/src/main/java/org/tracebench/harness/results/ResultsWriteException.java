package org.tracebench.harness.results;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The results directory cannot take a trial's files: it has gone (removed or moved while the suite ran), or writing
 * into it failed (no space left, read-only). Not a tracer or load failure: the suite stops (exit 1) rather than record
 * one more invalid trial. The message is a whole sentence saying what happened and what to do.
 */
public final class ResultsWriteException extends IOException {
    private ResultsWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code dir} lost {@code missing} (its manifest.json, its trials/ directory) under the run. */
    static ResultsWriteException gone(Path dir, String missing, Throwable cause) {
        return new ResultsWriteException("The results directory " + dir + " has gone (its " + missing + " is missing):"
                + " it was removed or moved while the suite ran, so the trials finished in it are lost with it, and"
                + " nothing more is run.", cause);
    }

    /** Writing {@code file} (null: unknown) in {@code dir} failed with {@code cause}. */
    static ResultsWriteException notWritable(Path dir, Path file, IOException cause) {
        String reason = reason(cause, file);
        return new ResultsWriteException("Could not write to the results directory " + dir + ": " + reason + "."
                + (reason.contains("No space left on device") ? " Besides its files, a trial needs room while it runs"
                        + " for its tracer's raw output in trials/<trial>/.tracer/, removed when the trial ends (strace:"
                        + " about 110 bytes per traced system call, some 1 MB per second of mixed.yaml with one worker;"
                        + " docs/suites.md)." : "")
                + " Nothing more is run: the finished trials stay there, and the trial that could not be written"
                + " runs again on resume; " + once(reason) + ", continue with: ./tracebench run --resume " + dir, cause);
    }

    /** When to resume, for the system's {@code reason}: the fix a full disk, a read-only mount or a permission needs. */
    private static String once(String reason) {
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) return "once there is room";
        if (reason.contains("Read-only file system")) return "once its file system is writable again (remounted read-write)";
        if (reason.contains("Permission denied") || reason.contains("Operation not permitted")) {
            return "once this user may write there again (its permissions, or an immutable file: lsattr)";
        }
        return "once the cause is fixed";
    }

    /**
     * "No space left on device (FILE)": the system's reason and the file, whatever shape {@code e} has; a write's
     * plain IOException names no file, so {@code file} (null: unknown) does.
     */
    private static String reason(IOException e, Path file) {
        if (e instanceof FileSystemException f) {
            String why = f.getReason() != null ? f.getReason()
                    : f instanceof NoSuchFileException ? "a file or directory it needs is missing" : f.getClass().getSimpleName();
            return why + " (" + f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ")";
        }
        String m = String.valueOf(e.getMessage());
        return file == null || m.contains(file.toString()) ? m : m + " (" + file + ")";
    }
}
