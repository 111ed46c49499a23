package org.tracebench.loadgen.task;

import java.util.List;
import org.tracebench.loadgen.op.OpKind;

/**
 * One entry of a task file's task list: perform {@code op} on each of {@code paths}, {@code repeat} times per
 * iteration. Paths may hold the placeholders {@code {worker}}, {@code {iteration}} and legacy {@code %d} (worker id);
 * relative paths are relative to the work root. For exec ops {@code paths} are the binaries to run.
 */
public record TaskSpec(OpKind op, List<String> paths, int repeat, OpOptions options, SourceLocation location) {
    public TaskSpec {
        paths = List.copyOf(paths);
        if (repeat < 1) throw new IllegalArgumentException("repeat must be >= 1");
    }
}
