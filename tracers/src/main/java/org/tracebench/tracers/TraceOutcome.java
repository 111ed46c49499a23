package org.tracebench.tracers;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link TraceSession#stop} collected.
 *
 * @param exitCode        the tracer's exit status (after SIGINT), or -1 when it had to be killed
 * @param diedEarly       the tracer exited before stop was asked for: the trial is invalid
 * @param stderrTail      the last lines of its stderr (at most 20), for reports
 * @param lostEvents      events the tracer admitted losing, in traced calls (one per syscall, as the events it
 *                        delivers: ftrace's lost ring-buffer records are converted, {@code lostRecords}); -1 when
 *                        the backend cannot tell
 * @param tracerPids      pids of the tracer's own processes, for CPU accounting
 * @param outputFiles     raw output written, parseable with {@link TraceSession#events}
 * @param outputBytes     total size of those files
 * @param lostRecords     what the tracer itself counted as lost where that is not one per traced call (ftrace's
 *                        ring-buffer records: an enter and an exit per syscall); -1 where {@code lostEvents} is it
 * @param exitCause       a sentence saying why the tracer ended on its own, where its stderr tells; null otherwise
 */
public record TraceOutcome(int exitCode, boolean diedEarly, List<String> stderrTail, long lostEvents,
                           List<Long> tracerPids, List<Path> outputFiles, long outputBytes, long lostRecords,
                           String exitCause) {
    public TraceOutcome {
        stderrTail = List.copyOf(stderrTail);
        tracerPids = List.copyOf(tracerPids);
        outputFiles = List.copyOf(outputFiles);
    }

    /** Lost events counted one per traced call, no cause of exit known. */
    public TraceOutcome(int exitCode, boolean diedEarly, List<String> stderrTail, long lostEvents,
                        List<Long> tracerPids, List<Path> outputFiles, long outputBytes) {
        this(exitCode, diedEarly, stderrTail, lostEvents, tracerPids, outputFiles, outputBytes, -1, null);
    }
}
