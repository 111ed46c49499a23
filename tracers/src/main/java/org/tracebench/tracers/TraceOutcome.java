package org.tracebench.tracers;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link TraceSession#stop} collected.
 *
 * @param exitCode        the tracer's exit status (after SIGINT), or -1 when it had to be killed
 * @param diedEarly       the tracer exited before stop was asked for: the trial is invalid
 * @param stderrTail      the last lines of its stderr (at most 20), for reports
 * @param lostEvents      events the tracer admitted losing; -1 when the backend cannot tell
 * @param tracerPids      pids of the tracer's own processes, for CPU accounting
 * @param outputFiles     raw output written, parseable with {@link TraceSession#events}
 * @param outputBytes     total size of those files
 */
public record TraceOutcome(int exitCode, boolean diedEarly, List<String> stderrTail, long lostEvents,
                           List<Long> tracerPids, List<Path> outputFiles, long outputBytes) {
    public TraceOutcome {
        stderrTail = List.copyOf(stderrTail);
        tracerPids = List.copyOf(tracerPids);
        outputFiles = List.copyOf(outputFiles);
    }
}
