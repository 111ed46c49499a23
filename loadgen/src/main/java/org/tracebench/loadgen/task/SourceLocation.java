package org.tracebench.loadgen.task;

import java.nio.file.Path;

/** A place in a task file, 1-based, for error messages of the form {@code file:line:column}. */
public record SourceLocation(Path file, int line, int column) {
    public static final SourceLocation UNKNOWN = new SourceLocation(null, 0, 0);

    @Override
    public String toString() {
        String f = file == null ? "<input>" : file.toString();
        return line > 0 ? f + ":" + line + ":" + column : f;
    }
}
