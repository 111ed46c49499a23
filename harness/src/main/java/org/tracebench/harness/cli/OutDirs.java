package org.tracebench.harness.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.tracebench.loadgen.task.SystemDirectories;

/** Where {@code --out} may write: nowhere the load generator refuses as a work root ({@link SystemDirectories}). */
final class OutDirs {
    private OutDirs() {}

    /** The sentence refusing {@code dir} given to {@code option}, or empty when results may be written there. */
    static Optional<String> problem(String option, Path dir) {
        Path real = SystemDirectories.real(dir.toAbsolutePath().normalize());
        Path system = SystemDirectories.containing(real, false);
        if (system == null) return Optional.empty();
        return Optional.of(option + " " + dir + (real.equals(dir) ? "" : " (" + real + ")")
                + SystemDirectories.describe(real, system) + "; give a directory of its own for the results, such as results/.");
    }

    /**
     * The sentence refusing a results directory whose path holds a line break: the load generator's control
     * protocol ({@code SENTINEL <path>}) and fatrace's and bpftrace's output carry one path a line, so no trial's
     * sentinel could be reported. Empty when there is none.
     */
    static Optional<String> lineBreak(String option, Path dir) {
        String p = dir.toAbsolutePath().toString();
        if (p.indexOf('\n') < 0 && p.indexOf('\r') < 0) return Optional.empty();
        return Optional.of(option + " " + p.replace("\n", "\\n").replace("\r", "\\r") + " holds a line break, and the"
                + " load generator's control protocol and the tracers' output carry one path a line, so no trial could show"
                + " that its tracer attached; give a directory whose path has none.");
    }
}
