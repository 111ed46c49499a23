package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.util.List;

/**
 * The directories tracebench never writes in: the system's own trees (nor anything under them), shared directories
 * (themselves, not a directory of one's own inside), with scratch directories that may be an --allow-path. The load
 * generator refuses them as work roots and allowed paths ({@link PathSafety}); the harness as --out.
 */
public final class SystemDirectories {
    /** The system's own trees: neither they nor anything under them may be a work root or allowed directory. */
    static final List<Path> SYSTEM_TREES = paths("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64",
            "/libx32", "/proc", "/run", "/sbin", "/snap", "/sys", "/usr", "/var/backups", "/var/cache", "/var/lib",
            "/var/lock", "/var/log", "/var/mail", "/var/run", "/var/spool");
    /** Shared directories: refused themselves (but see SCRATCH_DIRS), though a directory of one's own inside is fine. */
    static final List<Path> SHARED_DIRS = paths("/", "/home", "/media", "/mnt", "/opt", "/root", "/srv", "/var",
            "/tmp", "/var/tmp", "/dev/shm");
    /**
     * Scratch directories: a directory of one's own inside them may be a work root (so /dev/shm/x despite /dev), and
     * they themselves may be an --allow-path, since only the paths the task's own ops name are removed there.
     */
    static final List<Path> SCRATCH_DIRS = paths("/tmp", "/var/tmp", "/dev/shm");

    private SystemDirectories() {}

    private static List<Path> paths(String... p) {
        return java.util.Arrays.stream(p).map(Path::of).toList();
    }

    /**
     * The system directory {@code real} (a path resolved through its symlinks, {@link #real}) is or lies in, or null;
     * {@code asAllowPath} admits the scratch directories themselves.
     */
    public static Path containing(Path real, boolean asAllowPath) {
        for (Path s : SCRATCH_DIRS) {
            if (real.startsWith(s) && (asAllowPath || !real.equals(s))) return null;
        }
        for (Path s : SHARED_DIRS) if (real.equals(s)) return s;
        for (Path s : SYSTEM_TREES) if (real.startsWith(s)) return s;
        return null;
    }

    /**
     * " is a system directory" ({@code /etc}), " is a shared directory" ({@code /tmp}, {@code /home}: docs/task-files.md's
     * words) or " lies in the system directory /etc", to follow the path in a sentence.
     */
    public static String describe(Path real, Path system) {
        if (!real.equals(system)) return " lies in the system directory " + system;
        return SHARED_DIRS.contains(system) ? " is a shared directory" : " is a system directory";
    }

    /** An absolute path as the kernel resolves it: existing symlinks followed, the rest taken literally. */
    public static Path real(Path abs) {
        return PathSafety.real(abs);
    }
}
