package org.tracebench.loadgen.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tracebench.loadgen.op.OpKind;

/**
 * One entry of a task file's task list: perform {@code op} on each of {@code paths}, {@code repeat} times per
 * iteration. Paths may hold the placeholders {@code {worker}}, {@code {iteration}} and legacy {@code %d} (worker id),
 * see {@link Placeholders}; relative paths are relative to the work root. For exec ops {@code paths} are the
 * binaries to run (absolute, or a name looked up on {@code PATH}).
 *
 * @param location      where the task starts in its file
 * @param pathLocations where each path is written, same size and order as {@code paths}
 */
public record TaskSpec(OpKind op, List<String> paths, int repeat, OpOptions options, SourceLocation location,
                       List<SourceLocation> pathLocations) {
    public TaskSpec {
        paths = List.copyOf(paths);
        if (repeat < 1) throw new IllegalArgumentException("repeat must be >= 1");
        if (options == null) options = OpOptions.DEFAULTS;
        if (location == null) location = SourceLocation.UNKNOWN;
        pathLocations = pathLocations == null || pathLocations.size() != paths.size()
                ? new ArrayList<>(Collections.nCopies(paths.size(), location)) : pathLocations;
        pathLocations = List.copyOf(pathLocations);
    }

    /** Every path located at the task itself (the original five components). */
    public TaskSpec(OpKind op, List<String> paths, int repeat, OpOptions options, SourceLocation location) {
        this(op, paths, repeat, options, location, null);
    }
}
