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
 * (fatrace's RENAME names the directory). Those of a file deleted before the tracer named it
 * ({@link TraceEvent#deletedFile}) are kept apart: only a kind that {@link Expectations#unlinksWhatItOpens unlinks
 * what it opens} may count them. Which pools some kind counted ({@link #drawn}) gives {@link #drawnEvents}: each
 * event is at most one operation's, so the kinds together counted no more operations from them than that.
 */
final class UnmatchedEvents {
    private final Capabilities caps;
    private final Map<FileOp, Long> pathless = new EnumMap<>(FileOp.class);
    private final Map<FileOp, Long> deleted = new EnumMap<>(FileOp.class); // those of pathless marked deletedFile
    private final Map<FileOp, Long> countable = new EnumMap<>(FileOp.class); // all but the children's (exec aside)
    private final Set<FileOp> drawnAny = EnumSet.noneOf(FileOp.class);
    private final Set<FileOp> drawnDeleted = EnumSet.noneOf(FileOp.class);

    UnmatchedEvents(Capabilities caps) {
        this.caps = caps;
    }

    /** A countable event (a successful one, not an exec'd child's but its exec). */
    void countable(TraceEvent e) {
        countable.merge(e.op(), 1L, Long::sum);
        if (e.path() != null || e.path2() != null) return;
        pathless.merge(e.op(), 1L, Long::sum);
        if (e.deletedFile()) deleted.merge(e.op(), 1L, Long::sum);
    }

    /** The events of {@code f} a kind may count: of a deleted file only where {@code unlinks} (it unlinks what it opens). */
    long of(FileOp f, boolean unlinks) {
        long all = (caps.withPath().contains(f) ? pathless : countable).getOrDefault(f, 0L);
        return unlinks ? all : all - deleted.getOrDefault(f, 0L);
    }

    /** Notes that a kind counted {@link #of}{@code (f, unlinks)}. */
    void drawn(FileOp f, boolean unlinks) {
        drawnAny.add(f);
        if (unlinks) drawnDeleted.add(f);
    }

    /** The distinct events of the pools some kind counted since {@link #reset}. */
    long drawnEvents() {
        long n = 0;
        for (FileOp f : drawnAny) n += of(f, false);
        for (FileOp f : drawnDeleted) n += deleted.getOrDefault(f, 0L);
        return n;
    }

    void reset() {
        drawnAny.clear();
        drawnDeleted.clear();
    }
}
