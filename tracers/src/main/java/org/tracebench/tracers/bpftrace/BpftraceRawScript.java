package org.tracebench.tracers.bpftrace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.sys.SyscallNumbers;

/**
 * The {@code probes=raw} program: two probes, {@code tracepoint:raw_syscalls:sys_enter} and {@code sys_exit}, instead
 * of one pair per syscall. bpftrace 0.17 detaches probes one by one and the kernel takes about 70 ms for each, so 78
 * probes cost about 5.5 s at every stop; two cost a fraction of a second. Each probe is filtered first by the target
 * (cgroup or pid map, as {@link BpftraceScript}), then by {@code args->id} against the architecture's
 * {@link SyscallNumbers}.
 *
 * <p>Paths mode: the enter probe keeps the path pointers per thread ({@code args->args[i]}, {@code i} from the format
 * file) and prints execve's name as {@code nsecs \t pid \t #id \t E \t path}; the exit probe prints one of three line
 * shapes, {@code nsecs \t pid \t #id \t ret [\t path]}, the NUMBER standing for the syscall name (the parser maps it
 * back), two-path calls with a {@code P \t path2} line before it from the same printf (paths may hold tabs). The paths are user pointers behind an integer, so they are read with {@code str(uptr(..))}.
 * Counts mode: {@code @c[id] = count()} at exit (fork-family calls only on the parent side, {@code ret != 0}) and the
 * same readiness probe on open, openat and creat as the per-syscall program (the sentinel only). Only one printf per line shape: the
 * program must fit the 512-byte BPF stack and bpftrace 0.17's verifier limits.
 */
public final class BpftraceRawScript {
    private BpftraceRawScript() {}

    /** The calls of {@code calls} this architecture has a number for (the others cannot be traced by number). */
    public static List<BpftraceScript.Call> numbered(List<BpftraceScript.Call> calls, SyscallNumbers nums) {
        return calls.stream().filter(c -> nums.number(c.syscall()).isPresent()).toList();
    }

    /** The program; arguments as {@link BpftraceScript#generate}, plus the number table of the target architecture. */
    public static String generate(List<BpftraceScript.Call> allCalls, SyscallNumbers nums, Optional<String> cgroupDir,
                                  List<Long> seedPids, boolean counts, Optional<String> sentinel, int limitBytes) {
        List<BpftraceScript.Call> calls = numbered(allCalls, nums);
        StringBuilder b = new StringBuilder();
        String filter = BpftraceScript.preamble(b, cgroupDir, seedPids);
        String enter = "tracepoint:raw_syscalls:sys_enter /" + filter + "/ {\n  $id = args->id;\n";
        String exit = "tracepoint:raw_syscalls:sys_exit /" + filter + "/ {\n  $id = args->id;\n";
        if (counts) {
            List<BpftraceScript.Call> opens = calls.stream()
                    .filter(c -> List.of("openat", "open", "creat").contains(c.syscall()) && !c.pathArgs().isEmpty()).toList();
            if (!opens.isEmpty()) {
                String cond = BpftraceScript.isSentinel("$p", sentinel.orElseThrow(), limitBytes);
                b.append(enter).append("  if (").append(ids(opens, nums)).append(") {\n    ")
                        .append(pathArg(opens, nums, 0)).append("\n    if (").append(cond).append(") { printf(\"")
                        .append(BpftraceScript.SENTINEL_TAG).append("\\t%d\\t%s\\n\", pid, str(uptr($p))); }\n  }\n}\n");
            }
            List<BpftraceScript.Call> forks = calls.stream().filter(c -> c.op() == FileOp.FORK).toList();
            List<BpftraceScript.Call> rest = calls.stream().filter(c -> c.op() != FileOp.FORK).toList();
            b.append(exit);
            String kw = "if";
            if (!forks.isEmpty()) { // count each fork once: the parent's side
                b.append("  if (").append(ids(forks, nums)).append(") { if (args->ret != 0) { @c[$id] = count(); } }\n");
                kw = "else if";
            }
            if (!rest.isEmpty()) b.append("  ").append(kw).append(" (").append(ids(rest, nums)).append(") { @c[$id] = count(); }\n");
            b.append("}\n");
            return BpftraceScript.end(b);
        }
        List<BpftraceScript.Call> execs = calls.stream().filter(c -> c.op() == FileOp.EXEC && !c.pathArgs().isEmpty()).toList();
        List<BpftraceScript.Call> stored = calls.stream().filter(c -> c.op() != FileOp.EXEC && !c.pathArgs().isEmpty()).toList();
        // enter: keep the pointers, grouped by where the paths are (args[0]; args[1]; args[0], args[1]; ...)
        Map<List<Integer>, List<BpftraceScript.Call>> byArgs = stored.stream()
                .collect(Collectors.groupingBy(BpftraceScript.Call::pathArgs, LinkedHashMap::new, Collectors.toList()));
        b.append(enter);
        String kw = "if";
        for (Map.Entry<List<Integer>, List<BpftraceScript.Call>> g : byArgs.entrySet()) {
            List<Integer> a = g.getKey();
            b.append("  ").append(kw).append(" (").append(ids(g.getValue(), nums)).append(") { @p1[tid] = args->args[")
                    .append(a.get(0)).append("];");
            if (a.size() > 1) b.append(" @p2[tid] = args->args[").append(a.get(1)).append("];");
            b.append(" }\n");
            kw = "else if";
        }
        if (!execs.isEmpty()) {
            // the file name as passed, printed at enter (the old image is gone at exit); sched_process_exec fills in
            // what cannot be read here (fork+exec children)
            b.append("  ").append(kw).append(" (").append(ids(execs, nums)).append(") {\n    ")
                    .append(pathArg(execs, nums, 0)).append(" printf(\"%llu\\t%d\\t#%d\\tE\\t%s\\n\", nsecs, pid, $id, str(uptr($p)));\n  }\n");
        }
        b.append("}\n");
        List<BpftraceScript.Call> two = stored.stream().filter(c -> c.pathArgs().size() > 1).toList();
        List<BpftraceScript.Call> one = stored.stream().filter(c -> c.pathArgs().size() == 1).toList();
        List<BpftraceScript.Call> none = calls.stream().filter(c -> !stored.contains(c)).toList();
        b.append(exit);
        kw = "if";
        if (!two.isEmpty()) {
            b.append("  if (").append(ids(two, nums)).append(") {\n    printf(\"").append(BpftraceScript.PATH2_TAG)
                    .append("\\t%s\\n%llu\\t%d\\t#%d\\t%d\\t%s\\n\", str(uptr(@p2[tid])), nsecs, pid, $id, args->ret,"
                    + " str(uptr(@p1[tid]))); delete(@p1[tid]); delete(@p2[tid]);\n  }");
            kw = " else if";
        }
        if (!one.isEmpty()) {
            b.append(kw).append(" (").append(ids(one, nums)).append(") {\n    printf(\"%llu\\t%d\\t#%d\\t%d\\t%s\\n\", nsecs, pid, $id, args->ret,"
                    + " str(uptr(@p1[tid]))); delete(@p1[tid]);\n  }");
            kw = " else if";
        }
        if (!none.isEmpty()) {
            b.append(kw).append(" (").append(ids(none, nums)).append(") {\n    printf(\"%llu\\t%d\\t#%d\\t%d\\n\", nsecs, pid, $id, args->ret);\n  }");
        }
        b.append("\n}\n");
        if (!execs.isEmpty()) {
            b.append("tracepoint:sched:sched_process_exec /").append(filter)
                    .append("/ { printf(\"%llu\\t%d\\texecve\\tX\\t%s\\n\", nsecs, pid, str(args->filename)); }\n");
        }
        return BpftraceScript.end(b);
    }

    /** {@code $id == 2 || $id == 257}: the calls' numbers, ascending. */
    private static String ids(List<BpftraceScript.Call> calls, SyscallNumbers nums) {
        return calls.stream().map(c -> nums.number(c.syscall()).orElseThrow()).sorted()
                .map(n -> "$id == " + n).collect(Collectors.joining(" || "));
    }

    /**
     * {@code $p = <the calls' k-th path argument>;} as a statement: {@code args->args[i]} directly when the index is
     * the same for all, else every needed argument loaded into {@code $aI} first and a ternary on {@code $id} over
     * those (execve has its name in args[0], execveat in args[1]). A ternary over {@code args->args[..]} itself makes
     * LLVM load through a computed context pointer, which the verifier rejects ("dereference of modified ctx ptr").
     */
    private static String pathArg(List<BpftraceScript.Call> calls, SyscallNumbers nums, int k) {
        Map<Integer, List<BpftraceScript.Call>> byIndex = calls.stream()
                .collect(Collectors.groupingBy(c -> c.pathArgs().get(k), LinkedHashMap::new, Collectors.toList()));
        List<Map.Entry<Integer, List<BpftraceScript.Call>>> groups = new ArrayList<>(byIndex.entrySet());
        if (groups.size() == 1) return "$p = args->args[" + groups.get(0).getKey() + "];";
        StringBuilder loads = new StringBuilder();
        for (Map.Entry<Integer, List<BpftraceScript.Call>> g : groups) {
            loads.append("$a").append(g.getKey()).append(" = args->args[").append(g.getKey()).append("]; ");
        }
        String expr = "$a" + groups.get(groups.size() - 1).getKey();
        for (int i = groups.size() - 2; i >= 0; i--) {
            expr = "(" + ids(groups.get(i).getValue(), nums) + ") ? $a" + groups.get(i).getKey() + " : " + expr;
        }
        return loads + "$p = " + expr + ";";
    }
}
