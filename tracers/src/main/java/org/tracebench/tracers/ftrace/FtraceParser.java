package org.tracebench.tracers.ftrace;

import java.util.HashMap;
import java.util.Map;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.sys.TracedSyscalls;

/**
 * Parses {@code trace_pipe} lines of a tracebench instance ({@code record-tgid} on) into events, one line at a time.
 * A syscall becomes one event at its {@code sys_exit} line (success = return value not negative); enter lines are
 * consumed silently, except eprobe lines ({@code tbpath_<syscall>: ... path="..."}) whose paths are attached to the
 * next exit of the same thread. {@code sched_process_exec} gives EXEC with the file name (failed execve exits give
 * EXEC failures), {@code sched_process_exit} gives EXIT, clone-family exits in the parent give FORK (the child's
 * return of 0 is skipped, so each fork counts once). Never throws: unparseable lines are counted.
 * Not thread-safe: one parser per stream.
 */
public final class FtraceParser {
    /** Event-name prefix of the eprobes the backend defines to fetch file names. */
    public static final String EPROBE_PREFIX = "tbpath_";

    private final Map<Integer, String[]> pendingPaths = new HashMap<>();
    private final Map<Integer, Integer> tgidOf = new HashMap<>(); // learned from lines that carried a tgid
    private final Map<Integer, Integer> seeded = new HashMap<>();
    private long unparsed;
    private final java.util.List<String> samples = new java.util.ArrayList<>();
    private long lostInStream;

    public FtraceParser() {}

    /**
     * A parser that knows some threads' process ids up front: the first events of a thread can carry
     * {@code (-------)} instead of its tgid, before the kernel's tgid cache has it (seen with {@code <...>} as comm),
     * or the tgid of an earlier process that had the same pid (seen here: a target thread's first events printed
     * with the tgid and comm of a recycled pid's {@code /bin/true}). Known threads always keep the seeded tgid.
     */
    public FtraceParser(Map<Integer, Integer> tidToTgid) {
        seeded.putAll(tidToTgid);
    }

    /** Parses one line (without newline); null when the line yields no event (enter lines, garbage, blank). */
    public TraceEvent parse(String line) {
        int cpu = line.indexOf(" [");
        if (cpu < 0) return garbage(line);
        if (line.startsWith("CPU:")) { // "CPU:1 [LOST 123 EVENTS]"
            int lost = line.indexOf("[LOST ");
            if (lost >= 0) {
                lostInStream += parseLongOr(line, lost + 6, line.indexOf(' ', lost + 6), 0);
                return null;
            }
            return garbage(line);
        }
        int tid;
        int tgid = -1;
        int headEnd = cpu;
        while (headEnd > 0 && line.charAt(headEnd - 1) == ' ') headEnd--;
        int dashEnd = headEnd;
        if (headEnd > 0 && line.charAt(headEnd - 1) == ')') {
            int open = line.lastIndexOf('(', headEnd);
            if (open < 0) return garbage(line);
            tgid = (int) parseLongOr(line, skipSpaces(line, open + 1), headEnd - 1, -1);
            dashEnd = open;
            while (dashEnd > 0 && line.charAt(dashEnd - 1) == ' ') dashEnd--;
        }
        int dash = line.lastIndexOf('-', dashEnd - 1);
        if (dash < 0) return garbage(line);
        tid = (int) parseLongOr(line, dash + 1, dashEnd, -1);
        if (tid < 0) return garbage(line);
        int close = line.indexOf(']', cpu);
        if (close < 0) return garbage(line);
        int colon = line.indexOf(": ", close);
        if (colon < 0) return garbage(line);
        int tsStart = line.lastIndexOf(' ', colon - 1) + 1;
        long ts = parseTimestamp(line, tsStart, colon);
        if (ts < 0) return garbage(line);
        Integer known = seeded.get(tid);
        if (known != null) {
            tgid = known; // the session read it from /proc: it beats the kernel's tgid cache, which can be stale
        } else if (tgid > 0) {
            if (tid != tgid) tgidOf.putIfAbsent(tid, tgid);
        } else {
            tgid = tgidOf.getOrDefault(tid, -1);
        }
        int pid = tgid > 0 ? tgid : tid;
        int body = colon + 2;
        if (line.startsWith("sys_", body)) return syscall(line, body + 4, ts, tid, pid);
        if (line.startsWith("sched_process_exec: ", body)) {
            int f = line.indexOf("filename=", body);
            int end = line.lastIndexOf(" pid=");
            if (f < 0 || end < f) return garbage(line);
            // The event's own pid= (the process that exec'd; after exec its tid is its tgid), not the line head's
            // tgid: with pid_max 32768 pids recycle within minutes, and the kernel's tgid cache then printed a
            // vfork child's exec under the pid of an earlier process (3 of 534 execs in a quick.yaml ftrace trial).
            int own = (int) parseLongOr(line, end + 5, endOfNumber(line, end + 5), -1);
            return new TraceEvent(ts, own > 0 ? own : pid, FileOp.EXEC, "execve", line.substring(f + 9, end), null, true);
        }
        if (line.startsWith("sched_process_exit: ", body)) return new TraceEvent(ts, pid, FileOp.EXIT, "exit", null, null, true);
        if (line.startsWith("sched_process_fork: ", body)) return null;
        if (line.startsWith(EPROBE_PREFIX, body)) {
            pendingPaths.put(tid, new String[] {quoted(line, "path=\""), quoted(line, "path2=\"")});
            return null;
        }
        return garbage(line);
    }

    private TraceEvent syscall(String line, int nameStart, long ts, int tid, int pid) {
        int arrow = line.indexOf(" -> ", nameStart);
        if (arrow < 0) {
            if (line.indexOf('(', nameStart) < 0 || !line.endsWith(")")) return garbage(line);
            return null; // enter line
        }
        String name = line.substring(nameStart, arrow);
        int v = arrow + 4;
        if (!line.startsWith("0x", v)) return garbage(line);
        long ret;
        try {
            ret = Long.parseUnsignedLong(line, v + 2, line.length(), 16);
        } catch (NumberFormatException e) {
            return garbage(line);
        }
        String[] paths = pendingPaths.remove(tid);
        FileOp op = TracedSyscalls.opOf(name);
        if (op == FileOp.EXEC && ret >= 0) return null; // sched_process_exec reports it, with the file name
        if (op == FileOp.FORK && ret == 0) return null; // the child's return
        String p1 = paths == null ? null : paths[0];
        String p2 = paths == null ? null : paths[1];
        return new TraceEvent(ts, pid, op, name, absolute(p1), absolute(p2), ret >= 0);
    }

    private static String absolute(String p) { return p != null && p.startsWith("/") ? p : null; }

    /** The quoted value after {@code key}: the kernel prints quotes in paths unescaped, so it ends before path2 or at the last quote. */
    private static String quoted(String line, String key) {
        int k = line.indexOf(key);
        if (k < 0) return null;
        int from = k + key.length();
        int next = key.equals("path=\"") ? line.lastIndexOf("\" path2=\"") : -1;
        int end = next >= from ? next : line.lastIndexOf('"');
        return end < from ? null : line.substring(from, end);
    }

    private TraceEvent garbage(String line) {
        if (line.isBlank()) return null;
        unparsed++;
        org.tracebench.tracers.ParseDiagnostics.keepSample(samples, line);
        return null;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    /** The index after the digits that start at {@code from}. */
    private static int endOfNumber(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i;
    }

    private static long parseLongOr(String s, int from, int to, long dflt) {
        if (from >= to || to > s.length()) return dflt;
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return dflt;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** "814.627826" (seconds.microseconds) to nanoseconds; -1 when malformed. */
    private static long parseTimestamp(String s, int from, int to) {
        int dot = s.indexOf('.', from);
        if (dot < 0 || dot >= to) return -1;
        long sec = parseLongOr(s, from, dot, -1);
        long frac = parseLongOr(s, dot + 1, to, -1);
        if (sec < 0 || frac < 0) return -1;
        long scale = 1;
        for (int i = to - dot - 1; i < 9; i++) scale *= 10;
        return sec * 1_000_000_000L + frac * scale;
    }

    /** Lines that were neither events nor known non-event lines. */
    public long unparsed() { return unparsed; }

    /** The first few of those lines (at most 5, cut to 300 characters), for trial.json's parsing.unparsedSamples. */
    public java.util.List<String> unparsedSamples() { return java.util.List.copyOf(samples); }

    /** Events the kernel reported lost inside the stream ({@code [LOST n EVENTS]} lines). */
    public long lostInStream() { return lostInStream; }
}
