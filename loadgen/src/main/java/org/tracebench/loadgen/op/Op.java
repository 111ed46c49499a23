package org.tracebench.loadgen.op;

import java.nio.file.Path;

/**
 * One operation kind bound to its options, owned by exactly one worker thread (instances keep reusable buffers
 * and are not thread-safe).
 *
 * <p>Call order per execution: {@link #prepare} (untimed), then {@link #perform} (timed: the operation's own
 * system calls), for the same path on the same thread. An op does exactly one thing, as docs/task-files.md says:
 * {@code rename} leaves {@code path-renamed} behind, {@code mkdir} the directory; a task list that must repeat
 * undoes such effects with later tasks (e.g. {@code remove path-renamed}, {@code write path}).
 */
public interface Op {
    OpKind kind();

    /** Untimed work before {@link #perform}, e.g. {@code chown} looks up the file's owner when the path changes. */
    default void prepare(Path path) throws Exception {}

    /** True when {@link #prepare} does something; the engine skips the call and one clock read otherwise. */
    default boolean hasPrepare() { return false; }

    /** The measured operation. Throws on any failure; the engine counts it as an error of this kind. */
    void perform(Path path) throws Exception;

    /** A second path the operation touches ({@code -renamed}, {@code -hard-link}, {@code -soft-link}), or null. */
    default Path companion(Path path) { return null; }
}
