package org.tracebench.harness.sampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU of the threads of this JVM that do a tracer's work (ftrace's {@code reader: java} copying trace_pipe;
 * {@link org.tracebench.tracers.TraceSession#harnessThreads}), from {@code /proc/self/task/TID/stat}: the
 * {@link Sampler} adds it to the tracer's CPU and takes it from the harness's, so a reader thread's cost is the
 * tracer's in {@code cpuCores.tracer} as a {@code cat} process's is. A thread's last reading stays counted after it
 * ends (its CPU stays in the process's total). Used by the sampler's thread only.
 */
final class TracerThreads {
    private final Supplier<List<Long>> tids;
    private final long userHz;
    /** Each thread's {CPU ms, user CPU ms} when last read. */
    private final Map<Long, long[]> last = new HashMap<>();

    TracerThreads(Supplier<List<Long>> tids, long userHz) {
        this.tids = tids;
        this.userHz = userHz;
    }

    /** {CPU ms, user CPU ms} summed over every thread seen so far, each at its last reading. */
    long[] sample() {
        for (long tid : tids.get()) {
            long[] t = read(tid, userHz);
            if (t != null) last.put(tid, t);
        }
        long[] sum = new long[2];
        for (long[] v : last.values()) {
            sum[0] += v[0];
            sum[1] += v[1];
        }
        return sum;
    }

    /** {utime + stime, utime} in ms of thread {@code tid} of this process, or null when it is gone. */
    static long[] read(long tid, long userHz) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(f[11]); // field 14 of proc(5); f[0] is field 3 (state)
        long stime = Long.parseLong(f[12]);
        return new long[] {(utime + stime) * 1000 / userHz, utime * 1000 / userHz};
    }
}
