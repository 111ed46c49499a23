package org.tracebench.loadgen.op;

import java.nio.file.Path;

/**
 * One operation kind bound to its options, owned by exactly one worker thread (instances keep reusable buffers
 * and are not thread-safe).
 *
 * <p>Call order per execution: {@link #prepare} (untimed), {@link #perform} (timed: the operation's own system
 * calls), {@link #restore} (untimed: undoes a side effect that would make the next iteration fail, e.g. the
 * rmdir after {@code mkdir}). The engine calls all three for the same path, in that order, on the same thread.
 */
public interface Op {
    OpKind kind();

    /**
     * Untimed work before {@link #perform}, e.g. {@code remove} notes whether the path is a directory. It must leave
     * nothing to undo: when it throws, or the run's end falls during it (the op then starts after the end), neither
     * {@link #perform} nor {@link #restore} follows.
     */
    default void prepare(Path path) throws Exception {}

    /**
     * True when {@link #prepare} does something (an op that overrides it must say so); the engine skips the call
     * and one clock read otherwise.
     */
    default boolean hasPrepare() { return false; }

    /** The measured operation. Throws on any failure; the engine counts it as an error of this kind. */
    void perform(Path path) throws Exception;

    /** Untimed undo after a successful {@link #perform} so the loop can repeat; a no-op for most kinds. */
    default void restore(Path path) throws Exception {}

    /**
     * True when {@link #restore} does something (an op that overrides it must say so); the engine skips the call
     * otherwise and ends a closed-loop iteration at the op's end reading instead of reading the clock again.
     */
    default boolean hasRestore() { return false; }

    /**
     * The {@code getdents64} calls the last successful {@link #perform} made (readdir: as the C library issues them,
     * {@link org.tracebench.loadgen.sys.GetdentsCalls}); 0 for ops that read no directory. Asked after the op's end
     * reading, on the worker's thread.
     */
    default long getdents64Calls() { return 0; }

    /** A second path the operation touches ({@code -renamed}, {@code -hard-link}, {@code -soft-link}), or null. */
    default Path companion(Path path) { return null; }
}
