package org.tracebench.tracers.fatrace;

import java.util.function.Consumer;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.proc.LineParser;

/**
 * Streaming parser of fatrace 0.17 output: {@code [TIMESTAMP ]COMM(PID): TYPES PATH}, e.g.
 * {@code 1795431342.897475 bash(7773): CWO /tmp/fw/a.txt}. The timestamp is optional ({@code -t}: time of day,
 * {@code -tt}: seconds since the epoch). TYPES are fanotify's merged event letters: {@code O} open, {@code R} read,
 * {@code W} write, {@code C} close, and directory events {@code +} (entry created), {@code D} (entry deleted),
 * {@code <}/{@code >} (entry moved from/to).
 *
 * <p>One {@link TraceEvent} per letter, in the order O, R, W, C, +, D, move; the raw letters are the event's
 * {@code syscall}. Open/read/write/close carry the file's path; {@code +} and {@code D} become {@link FileOp#OTHER}
 * and a move {@link FileOp#RENAME}, all with the <em>directory's</em> path (fanotify does not name the entry).
 * Paths fatrace could not resolve ({@code device 8:2 inode 658203}, or a bare {@code (deleted)} for a file
 * already gone) are null and counted in
 * {@link #unresolvedPaths()}; the bare {@code (deleted)} ones are marked {@link TraceEvent#deletedFile}. A
 * {@code " (deleted)"} suffix is removed. fanotify gives no result, so every event is
 * successful. Garbage and truncated lines are counted in {@link #unparsedLines()}; the parser never throws on input
 * ({@link LineParser}).
 */
public final class FatraceParser extends LineParser {
    private static final String DELETED = " (deleted)";

    private final java.util.function.IntPredicate countUnresolvedOf;
    private long unresolved;

    /** A parser that counts every process's unresolved paths. */
    public FatraceParser() { this(pid -> true); }

    /** A parser that counts unresolved paths only in the lines of the pids {@code countUnresolvedOf} accepts. */
    public FatraceParser(java.util.function.IntPredicate countUnresolvedOf) { this.countUnresolvedOf = countUnresolvedOf; }

    /** Lines (of the counted pids) whose file fatrace could only name by device and inode, or as a bare (deleted). */
    public long unresolvedPaths() { return unresolved; }

    @Override
    protected boolean parseLine(String line, Consumer<TraceEvent> sink) {
        int len = line.length();
        int i = 0;
        long ts = -1;
        int sp = line.indexOf(' ');
        if (sp > 0 && isTimestamp(line, 0, sp)) {
            ts = parseTimestamp(line, 0, sp);
            i = sp + 1;
        }
        // COMM(PID): -- comm may itself contain parentheses or spaces, so look for "(digits): "
        int sep = line.indexOf("): ", i);
        int open = -1;
        while (sep >= 0) {
            open = line.lastIndexOf('(', sep);
            if (open >= i && open + 1 < sep && allDigits(line, open + 1, sep)) break;
            sep = line.indexOf("): ", sep + 1);
        }
        if (sep < 0 || sep - open > 11) return false;
        int pid = Integer.parseInt(line, open + 1, sep, 10);
        int t = sep + 3;
        int te = t;
        while (te < len && line.charAt(te) != ' ') te++;
        if (te == t || te >= len) return false; // no types, or truncated before the path
        int mask = 0;
        for (int k = t; k < te; k++) {
            int bit = bit(line.charAt(k));
            if (bit == 0) return false;
            mask |= bit;
        }
        int p = te;
        while (p < len && line.charAt(p) == ' ') p++;
        if (p >= len) return false;
        String path;
        boolean deleted = false;
        if (line.charAt(p) == '/') {
            int stop = line.endsWith(DELETED) ? len - DELETED.length() : len;
            path = line.substring(p, stop);
        } else if (line.startsWith("device ", p) || (deleted = line.startsWith("(deleted)", p))) {
            path = null;
            if (countUnresolvedOf.test(pid)) unresolved++;
        } else {
            return false;
        }
        String types = types(line, t, te);
        if ((mask & O) != 0) emit(sink, ts, pid, FileOp.OPEN, types, path, deleted);
        if ((mask & R) != 0) emit(sink, ts, pid, FileOp.READ, types, path, deleted);
        if ((mask & W) != 0) emit(sink, ts, pid, FileOp.WRITE, types, path, deleted);
        if ((mask & C) != 0) emit(sink, ts, pid, FileOp.CLOSE, types, path, deleted);
        if ((mask & CREATE) != 0) emit(sink, ts, pid, FileOp.OTHER, types, path, deleted);
        if ((mask & DELETE) != 0) emit(sink, ts, pid, FileOp.OTHER, types, path, deleted);
        if ((mask & MOVE) != 0) emit(sink, ts, pid, FileOp.RENAME, types, path, deleted);
        return true;
    }

    private void emit(Consumer<TraceEvent> sink, long ts, int pid, FileOp op, String types, String path, boolean deleted) {
        emit(sink, new TraceEvent(ts, pid, op, types, path, null, true, deleted));
    }

    private static final int O = 1, R = 2, W = 4, C = 8, CREATE = 16, DELETE = 32, MOVE = 64;

    private static int bit(char c) {
        return switch (c) {
            case 'O' -> O;
            case 'R' -> R;
            case 'W' -> W;
            case 'C' -> C;
            case '+' -> CREATE;
            case 'D' -> DELETE;
            case '<', '>' -> MOVE;
            default -> 0;
        };
    }

    /** The common letter combinations as constants, so a long trace does not hold millions of equal strings. */
    private static String types(String line, int from, int to) {
        int n = to - from;
        if (n == 1) {
            switch (line.charAt(from)) {
                case 'O': return "O";
                case 'R': return "R";
                case 'W': return "W";
                case 'C': return "C";
                case '+': return "+";
                case 'D': return "D";
                default: break;
            }
        }
        if (n == 2 && line.startsWith("CO", from)) return "CO";
        if (n == 2 && line.startsWith("RO", from)) return "RO";
        if (n == 2 && line.startsWith("CW", from)) return "CW";
        if (n == 2 && line.startsWith("RC", from)) return "RC";
        if (n == 3 && line.startsWith("RCO", from)) return "RCO";
        if (n == 3 && line.startsWith("CWO", from)) return "CWO";
        return line.substring(from, to);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** {@code 1795431342.897475} or {@code 12:13:15.123456}. */
    private static boolean isTimestamp(String s, int from, int to) {
        boolean dot = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (dot) return false;
                dot = true;
            } else if (c != ':' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return dot && s.charAt(from) >= '0' && s.charAt(from) <= '9';
    }

    /** Seconds (epoch or of the day) with fraction into nanoseconds. */
    static long parseTimestamp(String s, int from, int to) {
        long seconds = 0;
        long part = 0;
        int i = from;
        for (; i < to && s.charAt(i) != '.'; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                seconds = (seconds + part) * 60;
                part = 0;
            } else {
                part = part * 10 + (c - '0');
            }
        }
        seconds += part;
        long nanos = 0;
        int digits = 0;
        for (i++; i < to; i++) {
            if (digits < 9) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                digits++;
            }
        }
        for (; digits < 9; digits++) nanos *= 10;
        return seconds * 1_000_000_000L + nanos;
    }
}
