package org.tracebench.tracers.strace;

/**
 * A cursor over the arguments of one strace line, {@code s[pos..end)} where {@code end} is the call's closing
 * parenthesis: reads fd arguments with their {@code -y} annotation, quoted strings, and skips the rest. Reused
 * across lines by one {@link StraceParser} (no allocation per argument); remembers the last decoded annotation and
 * cwd so that repeated ones are not decoded again. Not thread-safe.
 */
final class StraceArgs {
    String s;
    int pos;
    int end;
    /** The annotation of the last fd argument read (decoded), or null. */
    String annot;
    /** The last fd argument read was {@code AT_FDCWD}. */
    boolean fdcwd;
    private String lastCwd;
    private String lastAnnot;

    /** Points the cursor at {@code text[from..closeParen)}. */
    void reset(String text, int from, int closeParen) {
        s = text;
        pos = from;
        end = closeParen;
    }

    /** Reads {@code NUM<annotation>} or {@code AT_FDCWD<annotation>} into {@link #annot} and {@link #fdcwd}. */
    void fdArg() {
        skipSpaces();
        annot = null;
        fdcwd = s.startsWith("AT_FDCWD", pos);
        int i = pos;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '<' || c == ',') break;
            i++;
        }
        if (i < end && s.charAt(i) == '<' && fdcwd && lastCwd != null && s.startsWith(lastCwd, i + 1)
                && i + 1 + lastCwd.length() < end && s.charAt(i + 1 + lastCwd.length()) == '>') {
            annot = lastCwd; // the same cwd as last time: no decoding, no new string
            skipArgRest(i + 2 + lastCwd.length());
            return;
        }
        if (i < end && s.charAt(i) == '<') {
            int depth = 0;
            int j = i;
            for (; j < end; j++) {
                char c = s.charAt(j);
                if (c == '<') depth++;
                else if (c == '>' && s.charAt(j - 1) != '-' && --depth == 0) break;
            }
            int stop = Math.min(j, end);
            String last = lastAnnot;
            if (last != null && last.length() == stop - i - 1 && s.startsWith(last, i + 1)) {
                annot = last; // the same file as the previous fd argument (pread64 on one fd, say): reuse it
            } else {
                annot = StraceText.unescape(s, i + 1, stop);
                if (annot.length() == stop - i - 1) lastAnnot = annot; // only escape-free ones compare raw
            }
            if (fdcwd) lastCwd = annot;
            i = j + 1;
        }
        skipArgRest(i);
    }

    /** Reads a quoted string argument (null when the argument is not a string, e.g. NULL or a bad address). */
    String stringArg() {
        skipSpaces();
        if (pos >= end || s.charAt(pos) != '"') {
            skipArgRest(pos);
            return null;
        }
        int i = pos + 1;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\') i += 2;
            else if (c == '"') break;
            else i++;
        }
        if (i >= end) {
            pos = end;
            return null;
        }
        String v = StraceText.unescape(s, pos + 1, i);
        skipArgRest(i + 1);
        return v;
    }

    /** Moves past the rest of the current argument and its comma (top-level, outside quotes and brackets). */
    private void skipArgRest(int i) {
        int depth = 0;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (i < end && s.charAt(i) != '"') i += s.charAt(i) == '\\' ? 2 : 1;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                pos = i + 1;
                return;
            }
            i++;
        }
        pos = end;
    }

    private void skipSpaces() {
        while (pos < end && s.charAt(pos) == ' ') pos++;
    }

    /**
     * Index of the {@code " = "} that separates the arguments from the result: the last one that is not inside a
     * {@code <...>} annotation of the result (annotations escape their own angle brackets, so the first bracket
     * after a candidate tells). -1 when the line has no result (truncated).
     */
    static int resultSeparator(String text, int from) {
        int k = text.length();
        while (true) {
            int eq = text.lastIndexOf(" = ", k);
            if (eq < from) return -1;
            int lt = text.indexOf('<', eq + 3);
            int gt = text.indexOf('>', eq + 3);
            if (gt >= 0 && (lt < 0 || gt < lt)) {
                k = eq - 1;
                continue;
            }
            return eq;
        }
    }

    /** The {@code -y} path annotation of a returned fd ({@code = 3</path>}), if absolute. */
    static String resultPath(String text, int r) {
        int lt = text.indexOf('<', r);
        if (lt < 0 || lt + 1 >= text.length() || text.charAt(lt + 1) != '/') return null;
        int gt = text.indexOf('>', lt);
        return gt < 0 ? null : StraceText.unescape(text, lt + 1, gt);
    }
}
