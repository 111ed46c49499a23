package org.tracebench.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code --out} may write. The load generator's notion of a system directory (loadgen's PathSafety, which
 * refuses them as work roots) is not part of its public API, so the same list is kept here: those directories
 * themselves, and anything under the ones that hold the operating system or the kernel's interfaces.
 */
final class OutDirs {
    /** Never acceptable themselves (as loadgen's PathSafety.SYSTEM_DIRS). */
    private static final List<Path> SYSTEM = List.of("/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64",
            "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/usr", "/var", "/tmp", "/var/tmp").stream()
            .map(Path::of).toList();
    /** Not acceptable at any depth: results have no place among the system's own files. */
    private static final List<Path> TREES = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sbin",
            "/sys", "/usr").stream().map(Path::of).toList();

    private OutDirs() {}

    /** The sentence refusing {@code dir} given to {@code option}, or empty when results may be written there. */
    static Optional<String> problem(String option, Path dir) {
        Path real = real(dir.toAbsolutePath().normalize());
        boolean system = SYSTEM.contains(real) || TREES.stream().anyMatch(real::startsWith);
        if (!system) return Optional.empty();
        return Optional.of(option + " " + dir + (real.equals(dir) ? "" : " (" + real + ")") + " is "
                + (SYSTEM.contains(real) ? "a system directory" : "inside the system directory "
                        + TREES.stream().filter(real::startsWith).findFirst().orElseThrow())
                + "; give a directory of its own for the results, such as results/.");
    }

    /** {@code p} with its longest existing prefix resolved through symlinks; the rest taken literally. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return p;
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
