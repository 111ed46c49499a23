package org.tracebench.tracers.fatrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.proc.FileOutputSession;
import org.tracebench.tracers.proc.OutputWatcher;
import org.tracebench.tracers.proc.TracerProcess;

/** A running system-wide fatrace; {@link #events} keeps only the target's pids. */
final class FatraceSession extends FileOutputSession {
    /**
     * fatrace prints this for every file deleted before it could resolve the event; it still prints the event, with
     * the path {@code (deleted)} (an unresolved path, not a lost event).
     */
    static final String UNRESOLVED = "open_by_handle_at";

    private final PidTracker targetPids;
    private volatile long unparsedLines = -1;
    private volatile long otherProcessEvents = -1;
    private volatile org.tracebench.tracers.ParseDiagnostics diagnostics = org.tracebench.tracers.ParseDiagnostics.NOT_COUNTED;

    FatraceSession(TracerProcess process, Path output, PidTracker targetPids) {
        super("fatrace", process, output);
        this.targetPids = targetPids;
    }

    /** The sentinel line ends with its path; fanotify may merge letters (CWO) but the path is last. */
    @Override
    protected boolean sentinelSeen(String line, String path) {
        return line.endsWith(" " + path);
    }

    /**
     * fatrace drops what is still queued in fanotify when it gets SIGINT, so first drain: touch a marker file
     * from this process and wait until fatrace prints it. fanotify delivers in order, so every earlier event of
     * the target has been written by then. The marker's events are ours, not the target's, and are filtered out.
     */
    @Override
    protected void beforeStop() {
        targetPids.stop();
        if (!process.alive()) return;
        Path marker = output.resolveSibling("fatrace-drain-" + System.nanoTime());
        String needle = " " + marker;
        try {
            new OutputWatcher(output).await(line -> line.endsWith(needle), () -> touch(marker),
                    Duration.ofMillis(200), Duration.ofSeconds(5), process::alive);
        } catch (IOException e) {
            // best effort: stop anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // a leftover empty marker in the work directory is harmless
            }
        }
    }

    private static void touch(Path marker) {
        try {
            Files.write(marker, new byte[] {1});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void addTargetPids(Collection<Long> pids) { targetPids.add(pids); }

    /**
     * Unknown (-1): fatrace 0.17 neither counts nor prints fanotify queue overflows (FAN_Q_OVERFLOW, past
     * {@code /proc/sys/fs/fanotify/max_queued_events}), so a report's 0 could not show one. Its
     * {@code open_by_handle_at} failures are events it did print, as {@code (deleted)}: unresolved paths, not losses.
     */
    @Override
    protected long lostEvents() {
        return -1;
    }

    /**
     * fatrace 0.17's last words when its fanotify queue overflowed: the kernel queues one FAN_Q_OVERFLOW event, a bare
     * header without the file handle fatrace expects after each event, so fatrace reads the next event's length (52
     * bytes, a file-handle event's on ext4) as the handle's type and exits with 1. Measured here: fatrace stopped
     * (SIGSTOP) while 25000 files were read, then continued, died so; with 10000 it lived on.
     */
    static final String QUEUE_OVERFLOW = "Received unexpected event info type";

    @Override
    protected String exitCause() {
        return overflowCause(process.stderrFile(), FatraceTracer.maxQueuedEvents());
    }

    /** The sentence for trial.json's invalidReason when {@code stderr} ends in {@link #QUEUE_OVERFLOW}, else null. */
    static String overflowCause(Path stderr, long maxQueued) {
        if (stderr == null || TracerProcess.tail(stderr, 20).stream().noneMatch(l -> l.contains(QUEUE_OVERFLOW))) return null;
        return "Its fanotify queue overflowed: more than " + (maxQueued > 0 ? maxQueued : "max_queued_events")
                + " events (/proc/sys/fs/fanotify/max_queued_events) waited for fatrace at this load, and fatrace 0.17"
                + " exits on the overflow notice ('" + QUEUE_OVERFLOW + "'), so rerunning it as it is fails the same"
                + " way; run fewer workers (--workers) or a lighter workload (fewer file operations per second).";
    }

    static long countUnresolved(Path stderr) {
        if (stderr == null || !Files.exists(stderr)) return 0;
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(stderr, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains(UNRESOLVED)) n++;
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    /** The tail without the open_by_handle_at flood, which is counted instead of echoed. */
    @Override
    protected List<String> stderrTail() {
        return tailWithoutFlood(process.stderrFile(), 20);
    }

    static List<String> tailWithoutFlood(Path stderr, int n) {
        List<String> tail = new ArrayList<>();
        for (String line : TracerProcess.tail(stderr, 2000)) {
            if (!line.contains(UNRESOLVED)) tail.add(line);
        }
        long flood = countUnresolved(stderr);
        if (tail.size() > n) tail = new ArrayList<>(tail.subList(tail.size() - n, tail.size()));
        if (flood > 0) tail.add("(" + flood + " lines 'open_by_handle_at: Cannot allocate memory', each an event printed as"
                + " '(deleted)', not shown)");
        return tail;
    }

    @Override
    public void events(Consumer<TraceEvent> sink) throws IOException {
        FatraceParser parser = new FatraceParser(pid -> targetPids.contains(pid));
        long[] others = {0};
        try (InputStream in = Files.newInputStream(output)) {
            parser.parse(in, e -> {
                if (targetPids.contains(e.pid())) sink.accept(e);
                else others[0]++;
            });
        }
        unparsedLines = parser.unparsedLines();
        otherProcessEvents = others[0];
        diagnostics = new org.tracebench.tracers.ParseDiagnostics(parser.unparsedLines(), parser.unresolvedPaths(),
                parser.unparsedSamples());
    }

    /**
     * Unparsed lines of every process (a line fatrace could not print whole cannot be told apart: fanotify is
     * system-wide), unresolved paths of the target's only.
     */
    @Override
    public org.tracebench.tracers.ParseDiagnostics parseDiagnostics() { return diagnostics; }

    /** Lines the last {@link #events} call could not parse (-1 before). */
    public long unparsedLines() { return unparsedLines; }

    /** Events of other processes the last {@link #events} call dropped (-1 before). */
    public long otherProcessEvents() { return otherProcessEvents; }

    @Override
    public void close() {
        targetPids.stop();
        super.close();
    }
}
