package org.tracebench.tracers.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tracebench.tracers.TraceEvent;

/**
 * What the text-output parsers (strace, fatrace) share: line splitting with {@link Lines}, counting lines, events
 * and unparsed lines, keeping a few unparsed samples, and never throwing on input. An unterminated last line (the
 * tracer was killed mid-write) is counted as unparsed, never parsed. Subclasses parse one line in
 * {@link #parseLine} and emit through {@link #emit}. Single-threaded; one instance per output file.
 */
public abstract class LineParser {
    private final List<String> samples = new ArrayList<>();
    private long lines;
    private long events;
    private long unparsed;

    /** Like {@link #parse(Reader, Consumer)} on UTF-8 bytes (what {@code events()} reads from the output file). */
    public final void parse(InputStream in, Consumer<TraceEvent> sink) throws IOException {
        Lines.forEach(in, (line, terminated) -> line(line, terminated, sink));
        finish(sink);
    }

    /** Parses every line of {@code in}, then {@link #finish}es. */
    public final void parse(Reader in, Consumer<TraceEvent> sink) throws IOException {
        Lines.forEach(in, (line, terminated) -> line(line, terminated, sink));
        finish(sink);
    }

    private void line(String line, boolean terminated, Consumer<TraceEvent> sink) {
        if (terminated) {
            accept(line, sink);
        } else {
            lines++;
            unparsed++;
        }
    }

    /** Parses one line (without its line terminator). Never throws on malformed input. */
    public final void accept(String line, Consumer<TraceEvent> sink) {
        lines++;
        boolean ok;
        try {
            ok = parseLine(line, sink);
        } catch (RuntimeException garbage) {
            ok = false;
        }
        if (!ok) {
            unparsed++;
            org.tracebench.tracers.ParseDiagnostics.keepSample(samples, line);
        }
    }

    /** Emits what is still pending at the end of the output; {@link #parse} calls it. Nothing by default. */
    public void finish(Consumer<TraceEvent> sink) {}

    /** Parses one line; false when it is not understood (counted as unparsed). May throw on garbage. */
    protected abstract boolean parseLine(String line, Consumer<TraceEvent> sink);

    /** Counts and passes on one event. */
    protected final void emit(Consumer<TraceEvent> sink, TraceEvent event) {
        events++;
        sink.accept(event);
    }

    /** The first few unparsed lines (at most 5, cut to 300 characters), for error messages. */
    public final List<String> unparsedSamples() { return List.copyOf(samples); }

    public final long lines() { return lines; }

    public final long events() { return events; }

    /** Lines not understood (garbage, truncated last line). */
    public final long unparsedLines() { return unparsed; }
}
