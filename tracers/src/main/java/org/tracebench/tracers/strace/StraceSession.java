package org.tracebench.tracers.strace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.proc.FileOutputSession;
import org.tracebench.tracers.proc.TracerProcess;

/** A running strace writing to one file. strace cannot lose events (ptrace is synchronous): lost is always 0. */
class StraceSession extends FileOutputSession {
    private final String cwd;
    private final BooleanSupplier targetAlive;
    private volatile long unparsedLines = -1;
    private volatile java.util.List<String> unparsedSamples = java.util.List.of();

    StraceSession(String name, TracerProcess process, Path output, String cwd, BooleanSupplier targetAlive) {
        super(name, process, output);
        this.cwd = cwd;
        this.targetAlive = targetAlive;
    }

    /** strace also ends by itself when every tracee has exited: that is only early if the target still runs or strace failed. */
    @Override
    protected boolean diedEarly() {
        return process.diedEarly() && (targetAlive.getAsBoolean() || process.exitCode() != 0);
    }

    @Override
    protected long lostEvents() { return 0; }

    /**
     * strace prints paths C-escaped ({@code "r\303\251sultats/a\"b"}), so the line is compared decoded: the
     * sentinel of an output directory with non-ASCII bytes, quotes, backslashes or tabs is seen too.
     */
    @Override
    protected boolean sentinelSeen(String line, String path) {
        return StraceText.unescape(line, 0, line.length()).contains(path);
    }

    @Override
    public void events(Consumer<TraceEvent> sink) throws IOException {
        StraceParser parser = new StraceParser(cwd);
        try (InputStream in = Files.newInputStream(output)) {
            parser.parse(in, sink);
        }
        unparsedLines = parser.unparsedLines();
        unparsedSamples = parser.unparsedSamples();
    }

    /** The first unparsed lines of the last {@link #events} call. */
    public java.util.List<String> unparsedSamples() { return unparsedSamples; }

    /** Lines of the output the last {@link #events} call could not parse (-1 before). */
    public long unparsedLines() { return unparsedLines; }

    /** strace names every path it prints (relative ones resolved against the cwd), so only lines are counted. */
    @Override
    public org.tracebench.tracers.ParseDiagnostics parseDiagnostics() {
        return unparsedLines < 0 ? org.tracebench.tracers.ParseDiagnostics.NOT_COUNTED
                : new org.tracebench.tracers.ParseDiagnostics(unparsedLines, -1, unparsedSamples);
    }
}
