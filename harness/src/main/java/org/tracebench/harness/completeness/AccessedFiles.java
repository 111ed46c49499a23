package org.tracebench.harness.completeness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;

/**
 * The text of a trial's {@code accessed-files.txt}: a header of {@code #} lines saying how to read it, then
 * {@link CompletenessChecker#accessedFiles(int)}'s lines. A path line starts with {@code /}, holds no whitespace
 * ({@link #escape}), and ends with its markers, each a space and a word in parentheses.
 */
public final class AccessedFiles {
    private AccessedFiles() {}

    /** The whole file: {@link #header}, then the checker's {@link CompletenessChecker#accessedFiles(int) lines}. */
    public static List<String> lines(CompletenessChecker checker, String tracer, Capabilities caps, int pathLimitBytes) {
        List<String> out = header(tracer, caps, pathLimitBytes, checker.accessedTruncated());
        out.addAll(checker.accessedFiles(pathLimitBytes));
        return out;
    }

    /**
     * {@code path} with no whitespace and no control character, so that one line holds one path and the first
     * space starts the markers: {@code \\} for a backslash, {@code \n}, {@code \t}, {@code \r}, and {@code \xNN} for
     * each UTF-8 byte of any other whitespace or control character (a space is {@code \x20}). A character the
     * tracer's output held as invalid UTF-8 is already U+FFFD, printed as it is.
     */
    public static String escape(String path) {
        StringBuilder b = null;
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            int n = Character.charCount(c);
            String esc = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                case '\r' -> "\\r";
                default -> Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c) ? hex(c) : null;
            };
            if (esc != null && b == null) b = new StringBuilder(path.length() + 8).append(path, 0, i);
            if (b != null) {
                if (esc != null) b.append(esc);
                else b.appendCodePoint(c);
            }
            i += n;
        }
        return b == null ? path : b.toString();
    }

    private static String hex(int codePoint) {
        StringBuilder b = new StringBuilder();
        for (byte x : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            b.append(String.format("\\x%02x", x & 0xff));
        }
        return b.toString();
    }

    /** The lower-case names of {@code ops}, in FileOp order. */
    private static List<String> names(java.util.Set<FileOp> ops) {
        List<String> out = new ArrayList<>();
        for (FileOp op : FileOp.values()) if (ops.contains(op)) out.add(op.name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    /**
     * The header for a list of {@code tracer}'s events: the format, and what its markers can and cannot say for
     * this backend (the operations it names no path for, removals among them, a path length at which it cuts paths,
     * the list's cap).
     */
    public static List<String> header(String tracer, Capabilities caps, int pathLimitBytes, boolean capped) {
        List<String> h = new ArrayList<>();
        h.add("# Paths " + tracer + " reported for the load generator, sorted, one a line (docs/suites.md).");
        h.add("# Escaped: \\\\ backslash, \\n newline, \\t tab, \\r return, \\xNN each UTF-8 byte of any other"
                + " whitespace (space \\x20) or control character.");
        h.add("# Markers after the path: (deleted) its last successful event removed it or renamed it away;"
                + " (symlink) created as or now a symbolic link; (maybe truncated) as long as the tracer's path limit.");
        if (!caps.countOnly().isEmpty()) {
            List<String> named = names(caps.withPath());
            h.add("# " + tracer + " names the paths of " + (named.isEmpty() ? "no operation" : String.join(", ", named)
                    + " only") + "; it reports " + String.join(", ", names(caps.countOnly())) + " as counts without a"
                    + " path, so their files are not listed here.");
        }
        List<String> blind = new ArrayList<>();
        for (FileOp op : List.of(FileOp.UNLINK, FileOp.RMDIR, FileOp.RENAME)) {
            if (!caps.withPath().contains(op)) blind.add(op.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!blind.isEmpty()) {
            h.add("# " + tracer + " does not name the path of " + String.join(", ", blind) + ": a path removed that way"
                    + " is not marked (deleted); whether it still exists is unknown.");
        }
        if (pathLimitBytes > 0) {
            h.add("# " + tracer + " prints at most " + pathLimitBytes + " bytes of a path: a path that long is marked"
                    + " (maybe truncated) and may be the start of a longer one.");
        }
        if (capped) h.add("# The list stops at " + CompletenessChecker.MAX_ACCESSED + " paths (trial.json accessedFilesTruncated).");
        return h;
    }
}
