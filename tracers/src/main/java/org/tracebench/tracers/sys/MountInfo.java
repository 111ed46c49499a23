package org.tracebench.tracers.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code /proc/self/mountinfo} to find where a file-system type (cgroup2, tracefs) is mounted. */
public final class MountInfo {
    private MountInfo() {}

    /** The first mount point of {@code fsType}, e.g. {@code tracefs} or {@code cgroup2}. */
    public static Optional<Path> mountPointOf(String fsType) {
        try {
            return mountPointOf(fsType, Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Parses mountinfo lines: field 5 is the mount point; the type follows the " - " separator. */
    static Optional<Path> mountPointOf(String fsType, List<String> lines) {
        for (String line : lines) {
            int sep = line.indexOf(" - ");
            if (sep < 0) continue;
            String[] after = line.substring(sep + 3).split(" ");
            if (after.length == 0 || !after[0].equals(fsType)) continue;
            String[] before = line.substring(0, sep).split(" ");
            if (before.length >= 5) return Optional.of(Path.of(unescape(before[4])));
        }
        return Optional.empty();
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
