package org.tracebench.harness.completeness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The paths a tracer reported, each with whether its last event removed it and whether it is a symlink; one thread. */
final class AccessedPaths {
    private static final byte DELETED = 1;
    private static final byte SYMLINK = 2;

    private final int max;
    private final Map<String, Byte> accessed = new HashMap<>();
    private boolean truncated;

    /** @param max paths kept at most; later new paths only set {@link #truncated} */
    AccessedPaths(int max) {
        this.max = max;
    }

    /** {@code deleted}: true deleted, false there, null no change (a failed call). */
    void mark(String path, Boolean deleted, boolean symlink) {
        Byte old = accessed.get(path);
        if (old == null && accessed.size() >= max) {
            truncated = true;
            return;
        }
        byte f = old == null ? 0 : old;
        if (deleted != null) f = (byte) (deleted ? f | DELETED : f & ~DELETED);
        if (symlink) f |= SYMLINK;
        accessed.put(path, f);
    }

    boolean truncated() {
        return truncated;
    }

    /** {@link CompletenessChecker#accessedFiles(int)}. */
    List<String> lines(int pathLimitBytes) {
        List<String> out = new ArrayList<>(accessed.size());
        new TreeMap<>(accessed).forEach((path, f) -> {
            boolean symlink = (f & SYMLINK) != 0;
            boolean deleted = (f & DELETED) != 0;
            try {
                if (!symlink && !deleted && Files.isSymbolicLink(Path.of(path))) symlink = true;
            } catch (RuntimeException ignored) {
                // not a valid path string: listed as reported
            }
            boolean cut = pathLimitBytes > 0 && path.getBytes(StandardCharsets.UTF_8).length >= pathLimitBytes;
            out.add(AccessedFiles.escape(path) + (deleted ? " (deleted)" : "") + (symlink ? " (symlink)" : "")
                    + (cut ? " (maybe truncated)" : ""));
        });
        return out;
    }
}
