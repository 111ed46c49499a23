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
}
