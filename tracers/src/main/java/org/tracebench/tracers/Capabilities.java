package org.tracebench.tracers;

import java.util.Set;

/**
 * What a backend can observe, so that the harness marks unobservable kinds as "blind by design" rather than misses.
 *
 * @param withPath         ops the backend reports with the file's path
 * @param countOnly        ops it reports without a path (counts only)
 * @param followsChildren  sees processes started by the target
 * @param reportsLostEvents admits lost or dropped events
 * @param systemWide       sees every process and must be filtered to the target
 * @param notes            human-readable caveats (blind spots, why no paths)
 */
public record Capabilities(Set<FileOp> withPath, Set<FileOp> countOnly, boolean followsChildren,
                           boolean reportsLostEvents, boolean systemWide, java.util.List<String> notes) {
    public Capabilities {
        withPath = Set.copyOf(withPath);
        countOnly = Set.copyOf(countOnly);
        notes = java.util.List.copyOf(notes);
    }

    /** True when the backend reports this op at all (with or without path). */
    public boolean sees(FileOp op) { return withPath.contains(op) || countOnly.contains(op); }

    public static final Capabilities NONE = new Capabilities(Set.of(), Set.of(), false, false, false, java.util.List.of());
}
