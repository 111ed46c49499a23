package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The complete lines (those ending in a newline) of a UTF-8 file or stream, split by {@link Lines}: a last line
 * without newline is one the tracer was cut off writing and is only counted, never parsed.
 */
public final class CompleteLines {
    private CompleteLines() {}

    /** Feeds every complete line of {@code file} to {@code sink}; returns 1 when a truncated last line was skipped, else 0. */
    public static int forEach(Path file, Consumer<String> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return forEach(in, sink);
        }
    }

    /** As {@link #forEach(Path, Consumer)} for a stream (read to its end, not closed). */
    public static int forEach(InputStream in, Consumer<String> sink) throws IOException {
        int[] truncated = {0};
        Lines.forEach(new InputStreamReader(in, StandardCharsets.UTF_8), (line, terminated) -> {
            if (terminated) sink.accept(line);
            else truncated[0] = 1;
        });
        return truncated[0];
    }
}
