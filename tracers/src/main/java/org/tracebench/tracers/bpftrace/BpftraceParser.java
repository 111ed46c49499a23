package org.tracebench.tracers.bpftrace;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.sys.SyscallNumbers;
import org.tracebench.tracers.sys.TracedSyscalls;

/**
 * Parses the output of {@link BpftraceScript}'s programs one line at a time: event lines
 * {@code nsecs \t pid \t syscall \t ret [\t path]} (the path is the rest of the line: it may hold tabs), each
 * preceded by {@code P \t path2} when the call has a second path, count lines {@code @c[syscall]: n} (collected in
 * {@link #counts()}), ring-buffer loss lines {@code Lost N events} (summed in {@link #lost()}), and bpftrace's own lines ({@code Attaching N probes...}, sentinel lines) which yield nothing.
 * Relative or empty paths become null (an execve name the enter probe could not read is taken from the
 * {@code sched_process_exec} line; still empty ones are counted in {@link #emptyExecPaths()}); the child's 0 return of clone/fork is skipped so each fork counts once.
 * The raw-syscalls program ({@link BpftraceRawScript}) prints {@code #<number>} in place of the syscall name and
 * counts under numeric keys ({@code @c[257]: 15}); the parser maps them back to names with its {@link SyscallNumbers}
 * (the architecture the output was produced on), so events and {@link #counts()} always carry names.
 * Never throws: other lines are counted in {@link #unparsed()}. Not thread-safe: one parser per stream.
 */
public final class BpftraceParser {
    private final SyscallNumbers numbers;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<Long, String> pendingExec = new java.util.HashMap<>();
    private String pendingPath2;
    private long unparsed;
    private final java.util.List<String> samples = new java.util.ArrayList<>();
    private long emptyExecPaths;
    private long lost;

    /** A parser of this machine's output: numbers are read with the running architecture's table. */
    public BpftraceParser() { this(SyscallNumbers.current().orElse(null)); }

    /** A parser of output produced on the architecture of {@code numbers} (null: per-syscall output only). */
    public BpftraceParser(SyscallNumbers numbers) { this.numbers = numbers; }

    /** The event of one line (without newline), or null. */
    public TraceEvent parse(String line) {
        String path2 = pendingPath2; // a P line's path belongs to the very next line, printed by the same printf
        pendingPath2 = null;
        int len = line.length();
        char first = len == 0 ? ' ' : line.charAt(0);
        if (first >= '0' && first <= '9') return event(line, len, path2);
        if (path2 != null) bad(BpftraceScript.PATH2_TAG + "\t" + path2); // its event line was cut off (a newline in a path)
        if (len == 0) return null;
        if (line.startsWith(BpftraceScript.PATH2_TAG + "\t")) {
            pendingPath2 = line.substring(2);
            return null;
        }
        if (first == '@') return count(line);
        if (line.startsWith("Lost ")) {
            long n = lostEvents(line);
            if (n < 0) bad(line);
            else lost += n;
            return null;
        }
        if (line.startsWith("Attaching ") || line.startsWith(BpftraceScript.SENTINEL_TAG + "\t")) return null;
        if (line.isBlank()) return null;
        return bad(line);
    }

    private TraceEvent event(String line, int len, String path2Line) {
        int t1 = line.indexOf('\t');
        int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
        int t3 = t2 < 0 ? -1 : line.indexOf('\t', t2 + 1);
        if (t3 < 0) return bad(line);
        long ts = digits(line, 0, t1);
        long pid = digits(line, t1 + 1, t2);
        int t4 = line.indexOf('\t', t3 + 1);
        if (t4 == t3 + 2 && (line.charAt(t3 + 1) == 'E' || line.charAt(t3 + 1) == 'X')) {
            // E: execve enter with the name as passed; X: sched_process_exec with the kernel's copy, which fills in
            // the name when the enter probe could not read it (fork+exec child, page not yet mapped)
            if (ts < 0 || pid < 0) return bad(line);
            String file = line.substring(t4 + 1);
            String prior = pendingExec.get(pid);
            if (line.charAt(t3 + 1) == 'E' || prior == null || prior.isEmpty()) pendingExec.put(pid, file);
            return null;
        }
        int retEnd = t4 < 0 ? len : t4;
        boolean neg = t3 + 1 < retEnd && line.charAt(t3 + 1) == '-';
        long ret = digits(line, neg ? t3 + 2 : t3 + 1, retEnd);
        if (ts < 0 || pid < 0 || ret < 0) return bad(line);
        if (neg) ret = -ret;
        String syscall = syscall(line, t2 + 1, t3);
        if (syscall == null) return bad(line);
        FileOp op = syscall.equals("file_open") ? FileOp.OPEN : TracedSyscalls.opOf(syscall);
        if (op == FileOp.OTHER) return bad(line);
        if (op == FileOp.FORK && ret == 0) return null;
        String path = null;
        String path2 = path2Line == null ? null : absolute(path2Line, 0, path2Line.length());
        if (t4 >= 0) {
            path = absolute(line, t4 + 1, len); // the last field: a path may hold tabs
        } else if (op == FileOp.EXEC) {
            String file = pendingExec.remove(pid);
            if (file == null || file.isEmpty()) emptyExecPaths++;
            path = file == null || !file.startsWith("/") ? null : file;
        }
        return new TraceEvent(ts, (int) pid, op, syscall, path, path2, ret >= 0);
    }

    private TraceEvent count(String line) {
        // @c[openat]: 158
        int open = line.indexOf('[');
        int close = line.indexOf("]: ", open + 1);
        if (!line.startsWith("@c[") || close < 0) return bad(line);
        long n = digits(line, close + 3, line.length());
        if (n < 0) return bad(line);
        String key = line.substring(open + 1, close);
        if (!key.isEmpty() && key.charAt(0) >= '0' && key.charAt(0) <= '9') {
            long nr = digits(key, 0, key.length());
            key = numbers == null || nr < 0 ? null : numbers.name(nr);
            if (key == null) return bad(line);
        }
        counts.merge(key, n, Long::sum);
        return null;
    }

    /** The name in [from, to): as printed, or {@code #<number>} mapped through the table; null when unknown. */
    private String syscall(String line, int from, int to) {
        if (from < to && line.charAt(from) == '#') {
            long nr = digits(line, from + 1, to);
            return numbers == null || nr < 0 ? null : numbers.name(nr);
        }
        return line.substring(from, to);
    }

    private static String absolute(String line, int from, int to) {
        if (to <= from || line.charAt(from) != '/') return null;
        return line.substring(from, to);
    }

    /** Non-negative decimal in [from, to); -1 when empty, too long or not digits. */
    private static long digits(String s, int from, int to) {
        if (from >= to || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private TraceEvent bad(String line) {
        unparsed++;
        org.tracebench.tracers.ParseDiagnostics.keepSample(samples, line);
        return null;
    }

    /** The first unparsed lines ({@link org.tracebench.tracers.ParseDiagnostics#keepSample}), for trial.json. */
    public java.util.List<String> samples() { return java.util.List.copyOf(samples); }

    /** Per-syscall counts from a counts-mode program's {@code @c} map. */
    public Map<String, Long> counts() { return counts; }

    public long unparsed() { return unparsed; }

    /** Sum of the {@code Lost N events} lines seen (bpftrace 0.17 prints them on stdout, between event lines). */
    public long lost() { return lost; }

    /** execve/execveat events whose file name came back empty (fork+exec children: page not yet mapped). */
    public long emptyExecPaths() { return emptyExecPaths; }

    /** Parses bpftrace's stderr line {@code Lost N events}; -1 when the line is something else. */
    public static long lostEvents(String stderrLine) {
        int i = stderrLine.indexOf("Lost ");
        if (i < 0) return -1;
        int end = stderrLine.indexOf(" events", i + 5);
        if (end < 0) return -1;
        return digits(stderrLine, i + 5, end);
    }
}
