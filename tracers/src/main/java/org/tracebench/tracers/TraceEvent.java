package org.tracebench.tracers;

/**
 * One normalized event, as parsed from a tracer's output.
 *
 * @param timestampNanos tracer's timestamp in ns (its own clock; monotonic or wall, per backend), or -1 if none
 * @param pid            the thread or process id the tracer attributes the event to
 * @param op             normalized kind
 * @param syscall        raw syscall (or fanotify letters) as the tracer named it
 * @param path           absolute path where the tracer resolved one, else {@code null}
 * @param path2          second path of rename/link/symlink (the new name) where known, else {@code null}
 * @param success        true when the call returned without error (or the tracer does not report results)
 * @param deletedFile    true when the path is null because the file had been deleted before the tracer resolved
 *                       its name (fatrace's bare {@code (deleted)}); false otherwise, and always with a path
 */
public record TraceEvent(long timestampNanos, int pid, FileOp op, String syscall, String path, String path2,
                         boolean success, boolean deletedFile) {
    /** An event that is not of a file deleted before the tracer named it. */
    public TraceEvent(long timestampNanos, int pid, FileOp op, String syscall, String path, String path2, boolean success) {
        this(timestampNanos, pid, op, syscall, path, path2, success, false);
    }
}
