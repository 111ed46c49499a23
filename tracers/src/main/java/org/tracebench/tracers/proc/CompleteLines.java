package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams the complete lines of a file (those ending in a newline) to a consumer; a last line without newline is a
 * line the tracer was cut off writing and is only counted. Reads in 64 KiB blocks; never holds the file in memory.
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
        byte[] buf = new byte[1 << 16];
        byte[] carry = new byte[0];
        int carryLen = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') continue;
                if (carryLen > 0) {
                    byte[] joined = new byte[carryLen + i - start];
                    System.arraycopy(carry, 0, joined, 0, carryLen);
                    System.arraycopy(buf, start, joined, carryLen, i - start);
                    sink.accept(new String(joined, StandardCharsets.UTF_8));
                    carryLen = 0;
                } else {
                    sink.accept(new String(buf, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
            int rest = n - start;
            if (rest > 0) {
                if (carry.length < carryLen + rest) carry = java.util.Arrays.copyOf(carry, Math.max(2 * carry.length, carryLen + rest));
                System.arraycopy(buf, start, carry, carryLen, rest);
                carryLen += rest;
            }
        }
        return carryLen > 0 ? 1 : 0;
    }
}
