package org.tracebench.harness.completeness;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/**
 * The countable events {@link CompletenessChecker} cannot match by path, per FileOp: those without a path (fatrace's
 * {@code device 8:2 inode 658203}, bpftrace's ftruncate), and every event of a FileOp the backend names no path for
 * (fatrace's RENAME names the directory). Which FileOps' events some kind counted ({@link #drawn}) gives
 * {@link #drawnEvents}: each event is at most one operation's, so the kinds together counted no more operations from
 * them than that.
 */
final class UnmatchedEvents {
    private final Capabilities caps;
    private final Map<FileOp, Long> pathless = new EnumMap<>(FileOp.class);
    private final Map<FileOp, Long> countable = new EnumMap<>(FileOp.class); // all but the children's (exec aside)
    private final Set<FileOp> drawn = EnumSet.noneOf(FileOp.class);

    UnmatchedEvents(Capabilities caps) {
        this.caps = caps;
    }

    /** A countable event (a successful one, not an exec'd child's but its exec). */
    void countable(TraceEvent e) {
        countable.merge(e.op(), 1L, Long::sum);
        if (e.path() == null && e.path2() == null) pathless.merge(e.op(), 1L, Long::sum);
    }

    /** The events of {@code f} a kind may count. */
    long of(FileOp f) {
        return (caps.withPath().contains(f) ? pathless : countable).getOrDefault(f, 0L);
    }

    /** Notes that a kind counted {@link #of}{@code (f)}. */
    void drawn(FileOp f) {
        drawn.add(f);
    }

    /** The distinct events of the FileOps some kind counted since {@link #reset}. */
    long drawnEvents() {
        long n = 0;
        for (FileOp f : drawn) n += of(f);
        return n;
    }

    void reset() {
        drawn.clear();
    }
}
