package org.tracebench.loadgen.result;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The canonical form of a written path, as tracers that ask the kernel for a file's path report it (strace's
 * {@code -y} on an fd, fanotify): the real path of its directory (symbolic links and {@code ..} resolved by the file
 * system) followed by its own name. A directory that is gone resolves through its deepest existing ancestor, the
 * rest appended and folded lexically. The last component is not followed: a path that is itself a symbolic link (a
 * soft-link's {@code -soft-link}) names the link. Directories are resolved once each (one {@code realpath(3)}).
 * Not thread-safe.
 */
final class RealPaths {
    private final Map<Path, Path> dirs = new HashMap<>();

    /** The canonical form of the absolute path {@code written}; {@code written} itself when it cannot be parsed. */
    String of(String written) {
        try {
            Path p = Path.of(written);
            Path dir = p.getParent();
            Path name = p.getFileName();
            if (dir == null || name == null) return written;
            return realDir(dir).resolve(name).normalize().toString();
        } catch (RuntimeException e) {
            return written;
        }
    }

    private Path realDir(Path dir) {
        Path real = dirs.get(dir);
        if (real != null) return real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            Path parent = dir.getParent();
            real = parent == null || dir.getFileName() == null ? dir.normalize()
                    : realDir(parent).resolve(dir.getFileName()).normalize();
        }
        dirs.put(dir, real);
        return real;
    }
}
