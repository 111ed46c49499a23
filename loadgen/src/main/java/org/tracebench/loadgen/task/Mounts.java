package org.tracebench.loadgen.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Mount options from /proc/self/mountinfo, for messages that must say why a file cannot be used. */
final class Mounts {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private Mounts() {}

    /** The mount point of the mount that holds {@code file} when that mount is {@code noexec}; empty otherwise or unknown. */
    static Optional<String> noexecMountOf(Path file) {
        List<String> lines;
        Path real;
        try {
            real = file.toRealPath();
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String best = null;
        boolean noexec = false;
        for (String line : lines) { // id parent major:minor root mount-point options ...; the last match is on top
            String[] f = line.split(" ");
            if (f.length < 6) continue;
            String point = unescape(f[4]);
            if (!real.startsWith(point) || best != null && point.length() < best.length()) continue;
            best = point;
            noexec = List.of(f[5].split(",")).contains("noexec");
        }
        return noexec ? Optional.of(best) : Optional.empty();
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
