package org.tracebench.tracers.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.proc.CompleteLines;

/**
 * Real tracer output captured on this machine (see capture.sh), stored under {@code src/test/resources/fixtures},
 * or, for the fixtures the parser benchmarks also read, under main's {@code org/tracebench/tracers/bench/fixtures}.
 */
public final class Fixtures {
    private static final String[] PLACES = {"/fixtures/", "/org/tracebench/tracers/bench/fixtures/"};

    private Fixtures() {}

    /** The whole fixture as text. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The whole fixture as bytes. */
    public static byte[] bytes(String name) {
        for (String place : PLACES) {
            try (InputStream in = Fixtures.class.getResourceAsStream(place + name)) {
                if (in != null) return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("no fixture " + name);
    }

    /**
     * The events {@code parser} makes of every complete line of {@code data} (null results dropped);
     * {@code truncated[0]} receives what {@link CompleteLines#forEach} says about an unterminated last line.
     */
    public static List<TraceEvent> parseLines(byte[] data, Function<String, TraceEvent> parser, int[] truncated)
            throws IOException {
        List<TraceEvent> out = new ArrayList<>();
        truncated[0] = CompleteLines.forEach(new ByteArrayInputStream(data), line -> {
            TraceEvent e = parser.apply(line);
            if (e != null) out.add(e);
        });
        return out;
    }
}
