package org.tracebench.tracers.bpftrace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.tracers.sys.TracedSyscalls;

/**
 * Generates the bpftrace program from the traced syscall set, reading each tracepoint's format file for the names of
 * its path arguments (unlinkat has {@code pathname}, rename has {@code oldname}/{@code newname}).
 *
 * <p>Paths mode: the enter probe stores the user pointers per thread, the exit probe prints one line
 * {@code nsecs \t pid \t syscall \t ret [\t path [\t path2]]} and forgets them. execve's file name is printed at
 * enter as {@code nsecs \t pid \t execve \t E \t path} (the old image is gone at exit). Counts mode: the exit probes only count per syscall; bpftrace prints the
 * {@code @c[syscall]: n} map at exit, and a readiness probe prints the target's opens of the sentinel path only (as
 * str() keeps it: its first strLen − 1 bytes), so that the measured window carries no per-event output.
 *
 * <p>Paths are the last field of a line (a path may hold tabs); a second path comes on a line of its own,
 * {@code P 	 path2}, printed by the same printf right before its event line.
 */
public final class BpftraceScript {
    /** Header of the readiness lines in counts mode: {@code SENTINEL \t pid \t path}. */
    public static final String SENTINEL_TAG = "SENTINEL";
    /** Header of the line {@code P \t path2} that carries the second path of the event line right after it. */
    public static final String PATH2_TAG = "P";

    private BpftraceScript() {}

    /**
     * One traced syscall: name, op, the names of up to two path fields and their argument indexes (0-based position
     * after {@code __syscall_nr} in the format file: {@code raw_syscalls}' {@code args[i]}).
     */
    public record Call(String syscall, FileOp op, List<String> pathFields, List<Integer> pathArgs) {}

    /** The calls this kernel has tracepoints for, with path fields read from their format files. */
    public static List<Call> calls(Tracefs fs) throws IOException {
        Set<String> present = fs.syscallTracepoints();
        List<Call> out = new ArrayList<>();
        for (Map.Entry<String, FileOp> e : TracedSyscalls.OPS.entrySet()) {
            if (!present.contains(e.getKey())) continue;
            List<String> fields = new ArrayList<>();
            List<Integer> args = new ArrayList<>();
            List<String[]> all = fs.fields("syscalls", "sys_enter_" + e.getKey());
            for (int i = 0; i < all.size(); i++) {
                String[] f = all.get(i);
                if (TracedSyscalls.isPathField(f[0], f[1]) && fields.size() < 2) {
                    fields.add(f[1]);
                    args.add(i);
                }
            }
            out.add(new Call(e.getKey(), e.getValue(), fields, args));
        }
        return out;
    }

    /**
     * The program. {@code cgroupDir} present: filter {@code cgroup == cgroupid(dir)}; else a pid map seeded with
     * {@code seedPids} and grown on {@code sched_process_fork}. {@code sentinel} (needed in counts mode) is the path
     * the readiness probe prints, compared as str() keeps it: its first {@code limitBytes} bytes.
     */
    public static String generate(List<Call> calls, Optional<String> cgroupDir, List<Long> seedPids, boolean counts,
                                  Optional<String> sentinel, int limitBytes) {
        StringBuilder b = new StringBuilder();
        String filter = preamble(b, cgroupDir, seedPids);
        for (Call c : calls) {
            String enter = "tracepoint:syscalls:sys_enter_" + c.syscall();
            String exit = "tracepoint:syscalls:sys_exit_" + c.syscall();
            if (counts) {
                String childSide = c.op() == FileOp.FORK ? " && args->ret != 0" : ""; // count each fork once
                b.append(exit).append(" /").append(filter).append(childSide).append("/ { @c[\"").append(c.syscall()).append("\"] = count(); }\n");
                continue;
            }
            List<String> f = c.pathFields();
            if (c.op() == FileOp.EXEC) {
                // The file name is printed at enter (the old image is gone at exit; a string map copy at exit
                // exceeds the 512-byte BPF stack on bpftrace 0.17); the parser pairs it with the exit line by pid.
                b.append(enter).append(" /").append(filter).append("/ { printf(\"%llu\\t%d\\t").append(c.syscall())
                        .append("\\tE\\t%s\\n\", nsecs, pid, str(args->").append(f.get(0)).append(")); }\n");
                b.append(exit).append(" /").append(filter).append("/ { printf(\"%llu\\t%d\\t").append(c.syscall())
                        .append("\\t%d\\n\", nsecs, pid, args->ret); }\n");
            } else if (f.isEmpty()) {
                b.append(exit).append(" /").append(filter).append("/ { printf(\"%llu\\t%d\\t").append(c.syscall())
                        .append("\\t%d\\n\", nsecs, pid, args->ret); }\n");
            } else {
                b.append(enter).append(" /").append(filter).append("/ { @p1[tid] = args->").append(f.get(0)).append(";");
                if (f.size() > 1) b.append(" @p2[tid] = args->").append(f.get(1)).append(";");
                b.append(" }\n");
                b.append(exit).append(" /").append(filter).append("/ { printf(\"");
                if (f.size() > 1) {
                    // the second path on a line of its own before the event: both paths may hold tabs
                    b.append(PATH2_TAG).append("\\t%s\\n%llu\\t%d\\t").append(c.syscall())
                            .append("\\t%d\\t%s\\n\", str(@p2[tid]), nsecs, pid, args->ret, str(@p1[tid])); delete(@p2[tid]);");
                } else {
                    b.append("%llu\\t%d\\t").append(c.syscall());
                    b.append("\\t%d\\t%s\\n\", nsecs, pid, args->ret, str(@p1[tid]));");
                }
                b.append(" delete(@p1[tid]); }\n");
            }
        }
        if (!counts && calls.stream().anyMatch(c -> c.op() == FileOp.EXEC)) {
            // the kernel's copy of the exec'd file name: fills in what str() at execve enter cannot read
            b.append("tracepoint:sched:sched_process_exec /").append(filter)
                    .append("/ { printf(\"%llu\\t%d\\texecve\\tX\\t%s\\n\", nsecs, pid, str(args->filename)); }\n");
        }
        if (counts) {
            for (String sc : List.of("openat", "open", "creat")) {
                if (calls.stream().noneMatch(c -> c.syscall().equals(sc))) continue;
                String field = calls.stream().filter(c -> c.syscall().equals(sc)).findFirst().orElseThrow().pathFields().get(0);
                b.append("tracepoint:syscalls:sys_enter_").append(sc).append(" /").append(filter).append("/ { $p = (uint64)args->")
                        .append(field).append("; if (").append(isSentinel("$p", sentinel.orElseThrow(), limitBytes))
                        .append(") { printf(\"").append(SENTINEL_TAG).append("\\t%d\\t%s\\n\", pid, str(uptr($p))); } }\n");
            }
        }
        return end(b);
    }

    /** Appends BEGIN (and the pid map's fork probe) and returns the target filter: the cgroup or the pid map. */
    static String preamble(StringBuilder b, Optional<String> cgroupDir, List<Long> seedPids) {
        if (cgroupDir.isPresent()) {
            b.append("BEGIN { }\n");
            return "cgroup == cgroupid(\"" + escape(cgroupDir.get()) + "\")";
        }
        b.append("BEGIN {");
        for (long p : seedPids) b.append(" @tb[").append(p).append("] = 1;");
        b.append(" }\n");
        b.append("tracepoint:sched:sched_process_fork /@tb[pid]/ { @tb[args->child_pid] = 1; }\n");
        return "@tb[pid]";
    }

    /** Appends END, clearing the helper maps the program uses so bpftrace does not print them, and returns the program. */
    static String end(StringBuilder b) {
        b.append("END {");
        for (String map : List.of("@p1", "@p2", "@x", "@ready", "@tb")) {
            if (b.indexOf(map + "[") >= 0 || b.indexOf(map + "++") >= 0) b.append(" clear(").append(map).append(");");
        }
        b.append(" }\n");
        return b.toString();
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** Longest string literal bpftrace 0.17 takes ("String is too long (over 64 bytes)"). */
    static final int LITERAL_BYTES = 63;

    /**
     * The BPF condition true when the user pointer {@code ptr} (an integer variable) points to {@code sentinel}: its
     * first and its last bytes at their place, the last followed by the NUL (so the length matches too). A literal
     * holds at most {@value #LITERAL_BYTES} bytes and a str() {@code limitBytes}, so a path longer than twice that is
     * checked at both ends only: two str() buffers, whatever its length, to stay inside the 512-byte BPF stack.
     */
    static String isSentinel(String ptr, String sentinel, int limitBytes) {
        byte[] b = sentinel.getBytes(StandardCharsets.UTF_8);
        int chunk = Math.min(LITERAL_BYTES, limitBytes);
        if (b.length <= chunk) return "str(uptr(" + ptr + ")) == \"" + escape(sentinel) + "\"";
        int head = chunk;
        while ((b[head] & 0xC0) == 0x80) head--; // cut between characters
        int tail = b.length - chunk;
        while ((b[tail] & 0xC0) == 0x80) tail++;
        return "strncmp(str(uptr(" + ptr + ")), \"" + escape(new String(b, 0, head, StandardCharsets.UTF_8)) + "\", "
                + head + ") == 0 && str(uptr(" + ptr + " + " + tail + ")) == \""
                + escape(new String(b, tail, b.length - tail, StandardCharsets.UTF_8)) + "\"";
    }
}
