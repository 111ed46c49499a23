package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.util.List;

/** Entry points for reading and checking task files. (Parser under construction: see issue 2.) */
public final class TaskFiles {
    private TaskFiles() {}

    /** Parses a legacy or v2 task file safely; every problem found is reported at once. */
    public static TaskFile load(Path file) throws TaskFileException {
        throw new TaskFileException(file + ": task file parsing is not built yet.");
    }

    /**
     * Refuses any mutating task whose path (after placeholder expansion and normalization, symlinked parents
     * resolved) lies outside {@code workRoot} and {@code allowed}; also checks exec targets exist.
     */
    public static void checkSafety(TaskFile file, Path workRoot, List<Path> allowed) throws TaskFileException {
        throw new TaskFileException(file.source() + ": safety check is not built yet.");
    }
}
