package org.tracebench.tracers;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to trace: the load generator's pid and, where cgroup v2 is available, the cgroup it was placed in
 * (children it starts land there too).
 *
 * @param cgroupDir absolute path of the cgroup v2 directory, e.g. {@code /sys/fs/cgroup/unified/tracebench-1234}
 */
public record Target(long pid, Optional<Path> cgroupDir) {
}
