package org.tracebench.harness.completeness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.tracebench.tracers.TraceEvent;

/**
 * Passes on the events of a load that a tracer launched ({@link org.tracebench.tracers.Tracer.Launching}) from the
 * first one on the sentinel file on, and drops those before it.
 *
 * <p>A launching tracer traces the load generator from its first instruction: the JVM's start, the setup files and
 * the pre-READY JIT warm-up, which runs the task's own ops thousands of times on the task's own paths and which the
 * ground truth leaves out. An attaching tracer starts after READY and never sees them. The load generator opens the
 * sentinel only after READY (on {@code SENTINEL}) and starts its workers only at {@code GO}, which the harness sends
 * after the tracer reported the sentinel; an event stream in the order the target made the calls (one strace output
 * file) therefore has every warm-up event before the sentinel's first one and every measured one after it. What is
 * passed on is what an attaching tracer that attached at the sentinel would report, so {@code seen} and
 * {@code performed} cover the same operations, and the syscall counts and accessed files the same span.
 *
 * <p>Needs a backend that reports the sentinel's path; {@link #sentinelSeen()} false means it did not, and nothing
 * was passed on. Single-threaded, like the event stream.
 */
public final class FromSentinel implements Consumer<TraceEvent> {
    private final Set<String> spellings;
    private final Consumer<TraceEvent> next;
    private boolean open;
    private long dropped;

    /**
     * @param sentinel the sentinel file the harness had the load generator create
     * @param next     where the events from the sentinel's first one on go (the completeness checker)
     */
    public FromSentinel(Path sentinel, Consumer<TraceEvent> next) {
        this.next = next;
        Set<String> s = new LinkedHashSet<>();
        s.add(sentinel.toString());
        s.add(sentinel.toAbsolutePath().normalize().toString()); // as strace resolves a path argument
        try { // as a backend reporting the kernel's real path names it
            Path parent = sentinel.toAbsolutePath().getParent();
            if (parent != null) s.add(parent.toRealPath().resolve(sentinel.getFileName()).toString());
        } catch (IOException | RuntimeException e) {
            // the trial's directory is gone: the written spellings remain
        }
        this.spellings = Set.copyOf(s);
    }

    @Override
    public void accept(TraceEvent e) {
        if (!open) {
            if (!onSentinel(e)) {
                dropped++;
                return;
            }
            open = true;
        }
        next.accept(e);
    }

    private boolean onSentinel(TraceEvent e) {
        return e.path() != null && spellings.contains(e.path()) || e.path2() != null && spellings.contains(e.path2());
    }

    /** True once an event on the sentinel arrived: from then on every event was passed on. */
    public boolean sentinelSeen() { return open; }

    /** Events dropped because they came before the sentinel's first one (the load's start and pre-READY warm-up). */
    public long dropped() { return dropped; }
}
