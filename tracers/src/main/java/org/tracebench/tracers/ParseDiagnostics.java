package org.tracebench.tracers;

import java.util.List;

/**
 * What the last {@link TraceSession#events} call could not read of the tracer's output: events lost to the parser,
 * which otherwise look like the tracer's misses. A path with a newline, for one, splits a line-based tracer's
 * (fatrace, bpftrace) event into a wrong path and an unparsed line.
 *
 * @param unparsedLines   output lines the parser did not understand (garbage, a split or cut line); -1: not counted
 * @param unresolvedPaths events of the target whose file the tracer could not name (fatrace: {@code device 8:2
 *                        inode N}, a bare {@code (deleted)}); they count without a path; -1: not counted
 * @param unparsedSamples the first few unparsed lines (at most 5, cut to 300 characters), where the parser keeps them
 */
public record ParseDiagnostics(long unparsedLines, long unresolvedPaths, List<String> unparsedSamples) {
    public ParseDiagnostics {
        unparsedSamples = List.copyOf(unparsedSamples);
    }

    /** A backend whose parser counts nothing (or events not parsed yet). */
    public static final ParseDiagnostics NOT_COUNTED = new ParseDiagnostics(-1, -1, List.of());

    /** How many unparsed lines a parser keeps as samples, and the characters kept of each. */
    public static final int SAMPLES = 5;
    public static final int SAMPLE_CHARS = 300;

    /** Adds {@code line} to {@code samples} while it holds fewer than {@link #SAMPLES}, cut to {@link #SAMPLE_CHARS}. */
    public static void keepSample(List<String> samples, String line) {
        if (samples.size() < SAMPLES) samples.add(line.length() > SAMPLE_CHARS ? line.substring(0, SAMPLE_CHARS) : line);
    }

    /** True when some output was not parsed or some path not resolved. */
    public boolean anyProblem() { return unparsedLines > 0 || unresolvedPaths > 0; }
}
