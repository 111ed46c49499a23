package org.tracebench.tracers;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to trace: the load generator's pid and, where cgroup v2 is available, the cgroup it was placed in
 * (children it starts land there too).
 *
 * @param cgroupDir absolute path of the cgroup v2 directory, e.g. {@code /sys/fs/cgroup/unified/tracebench-1234}
 * @param sentinel  the path {@link TraceSession#awaitReady} will have the target open, when known at attach: a backend
 *                  may watch for that path alone (bpftrace's counts mode), so that it prints nothing per event after it
 */
public record Target(long pid, Optional<Path> cgroupDir, Optional<Path> sentinel) {
    /** A target whose sentinel is not known at attach. */
    public Target(long pid, Optional<Path> cgroupDir) { this(pid, cgroupDir, Optional.empty()); }
}
