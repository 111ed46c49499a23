package org.tracebench.tracers.strace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.proc.LineParser;

/**
 * Streaming parser of {@code strace -f -y -ttt} output (one file, pid-prefixed lines) into {@link TraceEvent}s.
 *
 * <p>Handles {@code <unfinished ...>}/{@code <... NAME resumed>} pairs (the event carries the start timestamp),
 * resolves relative paths against the dirfd annotation ({@code AT_FDCWD</cwd>}, {@code 3</dir>}) or, for the old
 * non-{@code *at} calls, the last cwd seen for that thread (else the cwd given at construction), takes fd-based
 * calls' paths from the {@code -y} annotation, and reads return values and errors. {@code +++ exited}/{@code +++
 * killed} and {@code --- SIG} lines are recognised and skipped (they are not system calls). Unknown, truncated or
 * garbage lines are counted in {@link #unparsedLines()}; the parser never throws on input. A call interrupted by
 * strace detaching ({@code <detached ...>}) or never resumed is reported with an unknown ("?") result.
 *
 * <p>Process creation ({@code clone}, {@code clone3}, {@code fork}, {@code vfork}) is {@link FileOp#FORK} unless
 * the flags contain {@code CLONE_THREAD}: new threads are {@link FileOp#OTHER} with the raw syscall name.
 * {@code exit_group} is {@link FileOp#EXIT}. Single-threaded; one instance per output file.
 */
public final class StraceParser extends LineParser {
    private static final String UNFINISHED = "<unfinished ...>";
    private static final String DETACHED = "<detached ...>";

    private final String defaultCwd;
    private final Map<Integer, String> cwdByPid = new HashMap<>();
    private final Map<Integer, Pending> pending = new HashMap<>();
    private long skipped;
    private final StraceArgs args = new StraceArgs();
    private final String[] names = new String[128];

    private record Pending(String name, String args, long timestampNanos) {}

    /** @param defaultCwd the target's working directory at attach (from /proc/PID/cwd), or null when unknown */
    public StraceParser(String defaultCwd) {
        this.defaultCwd = defaultCwd;
    }

    /** Emits calls still unfinished at the end of the output (the process exited or strace stopped mid-call). */
    @Override
    public void finish(Consumer<TraceEvent> sink) {
        List<Integer> pids = new ArrayList<>(pending.keySet());
        for (int pid : pids) flush(pid, sink);
    }

    /** Recognised non-syscall lines: exits and signals. */
    public long skippedLines() { return skipped; }

    @Override
    protected boolean parseLine(String line, Consumer<TraceEvent> sink) {
        int len = line.length();
        if (len == 0) return false;
        int i = 0;
        int pid = 0;
        long ts = -1;
        char c = line.charAt(0);
        if (c == '[') { // "[pid  123] " when strace writes to stderr
            if (!line.startsWith("[pid ")) return false;
            i = 5;
            while (i < len && line.charAt(i) == ' ') i++;
            int j = digits(line, i, len);
            if (j == i || j >= len || line.charAt(j) != ']') return false;
            pid = Integer.parseInt(line, i, j, 10);
            i = j + 1;
            while (i < len && line.charAt(i) == ' ') i++;
        } else if (c >= '0' && c <= '9') {
            int j = digits(line, 0, len);
            if (j < len && line.charAt(j) == ' ') {
                pid = Integer.parseInt(line, 0, j, 10);
                i = j;
                while (i < len && line.charAt(i) == ' ') i++;
            }
        }
        if (i < len && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            int sp = line.indexOf(' ', i);
            if (sp < 0) return false;
            ts = parseTimestamp(line, i, sp);
            if (ts < 0) return false;
            i = sp + 1;
        }
        if (i >= len) return false;
        c = line.charAt(i);
        if (c == '+' && line.startsWith("+++ ", i)) {
            if (!line.startsWith("exited", i + 4) && !line.startsWith("killed", i + 4)
                    && !line.startsWith("superseded", i + 4)) return false;
            flush(pid, sink);
            skipped++;
            return true;
        }
        if (c == '-' && line.startsWith("--- ", i)) {
            skipped++;
            return true;
        }
        if (c == '<' && line.startsWith("<... ", i)) {
            int r = line.indexOf(" resumed>", i + 5);
            if (r < 0) return false;
            String name = name(line, i + 5, r);
            Pending p = pending.remove(pid);
            if (p != null && p.name.equals(name)) {
                return call(pid, p.timestampNanos, name, p.args + line.substring(r + 9), 0, false, sink);
            }
            return call(pid, ts, name, line, r + 9, true, sink);
        }
        int paren = line.indexOf('(', i);
        if (paren <= i || !isName(line, i, paren)) return false;
        String name = name(line, i, paren);
        if (line.endsWith(DETACHED)) { // strace detached (stop) while the call was in progress: result unknown
            int stop = len - DETACHED.length();
            while (stop > paren + 1 && line.charAt(stop - 1) == ' ') stop--;
            emitPending(pid, new Pending(name, line.substring(paren + 1, stop), ts), sink);
            return true;
        }
        if (line.endsWith(UNFINISHED)) {
            int stop = len - UNFINISHED.length();
            if (stop > paren + 1 && line.charAt(stop - 1) == ' ') stop--;
            Pending old = pending.put(pid, new Pending(name, line.substring(paren + 1, stop), ts));
            if (old != null) emitPending(pid, old, sink);
            return true;
        }
        return call(pid, ts, name, line, paren + 1, false, sink);
    }

    private void flush(int pid, Consumer<TraceEvent> sink) {
        Pending p = pending.remove(pid);
        if (p != null) emitPending(pid, p, sink);
    }

    /** A call whose result never came: parse its arguments with an unknown ("?") result. */
    private void emitPending(int pid, Pending p, Consumer<TraceEvent> sink) {
        call(pid, p.timestampNanos, p.name, p.args + ") = ?", 0, false, sink);
    }

    /** {@code text[from..]} holds the arguments (unless {@code partial}), then {@code ) = RESULT}. */
    private boolean call(int pid, long ts, String name, String text, int from, boolean partial,
                         Consumer<TraceEvent> sink) {
        int eq = StraceArgs.resultSeparator(text, from);
        if (eq < 0) return false;
        int r = eq + 3;
        if (r >= text.length()) return false;
        boolean success = text.charAt(r) != '-';
        int close = eq;
        while (close > from && text.charAt(close - 1) == ' ') close--;
        if (close <= from && !partial) return false;
        if (close - 1 < from || text.charAt(close - 1) != ')') return false;
        args.reset(text, from, close - 1);
        FileOp op;
        String sys;
        String path = null;
        String path2 = null;
        switch (name) {
            case "open", "creat" -> { op = FileOp.OPEN; sys = name; if (!partial) path = pathArg(pid); }
            case "openat", "openat2" -> { op = FileOp.OPEN; sys = name; if (!partial) path = dirfdPath(pid); }
            case "read", "pread64", "readv", "preadv", "preadv2" -> { op = FileOp.READ; sys = name; if (!partial) path = fdPath(); }
            case "write", "pwrite64", "writev", "pwritev", "pwritev2" -> {
                op = FileOp.WRITE;
                sys = name;
                if (!partial) path = fdPath();
            }
            case "close" -> { op = FileOp.CLOSE; sys = name; if (!partial) path = fdPath(); }
            case "stat", "lstat" -> { op = FileOp.STAT; sys = name; if (!partial) path = pathArg(pid); }
            case "fstat" -> { op = FileOp.STAT; sys = name; if (!partial) path = fdPath(); }
            case "newfstatat", "statx" -> { op = FileOp.STAT; sys = name; if (!partial) path = dirfdPath(pid); }
            case "getdents64", "getdents" -> { op = FileOp.READDIR; sys = name; if (!partial) path = fdPath(); }
            case "fsync", "fdatasync" -> { op = FileOp.FSYNC; sys = name; if (!partial) path = fdPath(); }
            case "truncate" -> { op = FileOp.TRUNCATE; sys = name; if (!partial) path = pathArg(pid); }
            case "ftruncate" -> { op = FileOp.TRUNCATE; sys = name; if (!partial) path = fdPath(); }
            case "chmod" -> { op = FileOp.CHMOD; sys = name; if (!partial) path = pathArg(pid); }
            case "fchmod" -> { op = FileOp.CHMOD; sys = name; if (!partial) path = fdPath(); }
            case "fchmodat", "fchmodat2" -> { op = FileOp.CHMOD; sys = name; if (!partial) path = dirfdPath(pid); }
            case "chown", "lchown" -> { op = FileOp.CHOWN; sys = name; if (!partial) path = pathArg(pid); }
            case "fchown" -> { op = FileOp.CHOWN; sys = name; if (!partial) path = fdPath(); }
            case "fchownat" -> { op = FileOp.CHOWN; sys = name; if (!partial) path = dirfdPath(pid); }
            case "mkdir" -> { op = FileOp.MKDIR; sys = name; if (!partial) path = pathArg(pid); }
            case "mkdirat" -> { op = FileOp.MKDIR; sys = name; if (!partial) path = dirfdPath(pid); }
            case "rmdir" -> { op = FileOp.RMDIR; sys = name; if (!partial) path = pathArg(pid); }
            case "unlink" -> { op = FileOp.UNLINK; sys = name; if (!partial) path = pathArg(pid); }
            case "unlinkat" -> {
                sys = name;
                op = text.indexOf("AT_REMOVEDIR", from) > 0 ? FileOp.RMDIR : FileOp.UNLINK;
                if (!partial) path = dirfdPath(pid);
            }
            case "rename", "link" -> {
                op = name.charAt(0) == 'r' ? FileOp.RENAME : FileOp.LINK;
                sys = name;
                if (!partial) {
                    path = pathArg(pid);
                    path2 = pathArg(pid);
                }
            }
            case "renameat", "renameat2", "linkat" -> {
                op = name.charAt(0) == 'r' ? FileOp.RENAME : FileOp.LINK;
                sys = name;
                if (!partial) {
                    path = dirfdPath(pid);
                    path2 = dirfdPath(pid);
                }
            }
            case "symlink" -> {
                op = FileOp.SYMLINK;
                sys = name;
                if (!partial) {
                    String target = args.stringArg();
                    path2 = pathArg(pid);
                    path = target == null ? null : StraceText.resolve(StraceText.parent(path2), target);
                }
            }
            case "symlinkat" -> {
                op = FileOp.SYMLINK;
                sys = name;
                if (!partial) {
                    String target = args.stringArg();
                    path2 = dirfdPath(pid);
                    path = target == null ? null : StraceText.resolve(StraceText.parent(path2), target);
                }
            }
            case "execve" -> { op = FileOp.EXEC; sys = name; if (!partial) path = pathArg(pid); }
            case "execveat" -> { op = FileOp.EXEC; sys = name; if (!partial) path = dirfdPath(pid); }
            case "clone", "clone3" -> {
                sys = name;
                op = partial || text.lastIndexOf("CLONE_THREAD", close) < from ? FileOp.FORK : FileOp.OTHER;
                inheritCwd(pid, text, r);
            }
            case "fork", "vfork" -> { op = FileOp.FORK; sys = name; inheritCwd(pid, text, r); }
            case "exit_group" -> { op = FileOp.EXIT; sys = name; }
            default -> { op = FileOp.OTHER; sys = name; }
        }
        if (path == null && op == FileOp.OPEN && success) path = StraceArgs.resultPath(text, r);
        emit(sink, new TraceEvent(ts, pid, op, sys, path, path2, success));
        return true;
    }

    // ---- arguments -------------------------------------------------------------------------------------------

    /** A path argument of an old (non-*at) call, resolved against the thread's cwd. */
    private String pathArg(int pid) {
        String p = args.stringArg();
        return p == null ? null : StraceText.resolve(cwdOf(pid), p);
    }

    /** A dirfd argument followed by a path argument, resolved against the dirfd's annotation. */
    private String dirfdPath(int pid) {
        args.fdArg();
        String annot = args.annot;
        String base;
        if (args.fdcwd) {
            if (annot != null) rememberCwd(pid, annot);
            base = annot != null ? annot : cwdOf(pid);
        } else {
            base = annot;
        }
        String p = args.stringArg();
        if (p == null) return null;
        return StraceText.resolve(base, p);
    }

    /** An fd argument's annotated path, if it is a file (absolute) rather than a pipe or socket. */
    private String fdPath() {
        args.fdArg();
        String annot = args.annot;
        return annot != null && annot.startsWith("/") ? annot : null;
    }

    /** A new thread or process (its id is the result) starts in its parent's cwd. */
    private void inheritCwd(int parent, String text, int r) {
        int j = digits(text, r, text.length());
        if (j == r || j - r > 9) return;
        String cwd = cwdOf(parent);
        if (cwd != null) cwdByPid.put(Integer.parseInt(text, r, j, 10), cwd);
    }

    private String cwdOf(int pid) {
        String cwd = cwdByPid.get(pid);
        return cwd != null ? cwd : defaultCwd;
    }

    private void rememberCwd(int pid, String cwd) {
        if (!cwd.startsWith("/")) return;
        String old = cwdByPid.get(pid);
        if (old == null || !old.equals(cwd)) cwdByPid.put(pid, cwd);
    }

    // ---- small scanners ---------------------------------------------------------------------------------------

    /**
     * The syscall name in {@code line[from, to)}, from a small cache: a trace has a few dozen distinct names, so
     * most lines reuse one String (no allocation, its hash already computed for the switch).
     */
    private String name(String line, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) h = 31 * h + line.charAt(k);
        int slot = (h ^ (h >>> 7)) & (names.length - 1);
        String n = names[slot];
        if (n != null && n.length() == to - from && line.startsWith(n, from)) return n;
        n = line.substring(from, to);
        names[slot] = n;
        return n;
    }

    private static int digits(String line, int i, int len) {
        while (i < len && line.charAt(i) >= '0' && line.charAt(i) <= '9') i++;
        return i;
    }

    private static boolean isName(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '?' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code 1795431250.180991} (-ttt: seconds since the epoch) or {@code 12:13:15.123456} (-tt: time of day)
     * into nanoseconds; any number of fraction digits up to 9. -1 when malformed.
     */
    static long parseTimestamp(String s, int from, int to) {
        long seconds = 0;
        long part = 0;
        int i = from;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
            } else if (c == ':') {
                seconds = (seconds + part) * 60;
                part = 0;
            } else if (c == '.') {
                break;
            } else {
                return -1;
            }
        }
        seconds += part;
        long nanos = 0;
        int digits = 0;
        for (i++; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            if (digits < 9) {
                nanos = nanos * 10 + (c - '0');
                digits++;
            }
        }
        for (; digits < 9; digits++) nanos *= 10;
        return seconds * 1_000_000_000L + nanos;
    }
}
