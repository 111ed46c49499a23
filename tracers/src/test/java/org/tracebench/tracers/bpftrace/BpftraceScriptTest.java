package org.tracebench.tracers.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.sys.SyscallNumbers;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.tracers.testing.Requirements;

/** The generated programs of both probe layouts (that bpftrace loads them is BpftraceIntegrationTest's job). */
class BpftraceScriptTest {
    private static final List<BpftraceScript.Call> CALLS = List.of(
            new BpftraceScript.Call("open", FileOp.OPEN, List.of("filename"), List.of(0)),
            new BpftraceScript.Call("openat", FileOp.OPEN, List.of("filename"), List.of(1)),
            new BpftraceScript.Call("read", FileOp.READ, List.of(), List.of()),
            new BpftraceScript.Call("rename", FileOp.RENAME, List.of("oldname", "newname"), List.of(0, 1)),
            new BpftraceScript.Call("renameat2", FileOp.RENAME, List.of("oldname", "newname"), List.of(1, 3)),
            new BpftraceScript.Call("execve", FileOp.EXEC, List.of("filename"), List.of(0)),
            new BpftraceScript.Call("execveat", FileOp.EXEC, List.of("filename"), List.of(1)),
            new BpftraceScript.Call("clone3", FileOp.FORK, List.of(), List.of()));

    private static long probes(String script, String prefix) {
        return script.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void rawPathsProgramHasTwoSyscallProbesAndOnePrintfPerLineShape() {
        String s = BpftraceRawScript.generate(CALLS, SyscallNumbers.X86_64, Optional.of("/sys/fs/cgroup/unified/tb"),
                List.of(), false, Optional.empty(), 127);
        assertEquals(2, probes(s, "tracepoint:raw_syscalls:"), s);
        assertEquals(0, probes(s, "tracepoint:syscalls:"), s);
        assertEquals(1, probes(s, "tracepoint:sched:sched_process_exec"), s);
        assertTrue(s.contains("tracepoint:raw_syscalls:sys_enter /cgroup == cgroupid(\"/sys/fs/cgroup/unified/tb\")/ {"), s);
        assertTrue(s.contains("  if ($id == 2) { @p1[tid] = args->args[0]; }\n"), s);
        assertTrue(s.contains("  else if ($id == 257) { @p1[tid] = args->args[1]; }\n"), s);
        assertTrue(s.contains("  else if ($id == 82) { @p1[tid] = args->args[0]; @p2[tid] = args->args[1]; }\n"), s);
        assertTrue(s.contains("  else if ($id == 316) { @p1[tid] = args->args[1]; @p2[tid] = args->args[3]; }\n"), s);
        // execve's name at args[0], execveat's at args[1]: both loaded, one printf
        assertTrue(s.contains("$a0 = args->args[0]; $a1 = args->args[1]; $p = ($id == 59) ? $a0 : $a1;"
                + " printf(\"%llu\\t%d\\t#%d\\tE\\t%s\\n\", nsecs, pid, $id, str(uptr($p)));"), s);
        String exit = s.substring(s.indexOf("tracepoint:raw_syscalls:sys_exit"));
        exit = exit.substring(0, exit.indexOf("\n}\n"));
        assertEquals(3, exit.split("printf\\(", -1).length - 1, "one printf per line shape: " + exit);
        // the second path on a line of its own, before its event line: paths may hold tabs
        assertTrue(exit.contains("if ($id == 82 || $id == 316) {\n    printf(\"P\\t%s\\n%llu\\t%d\\t#%d\\t%d\\t%s\\n\","
                + " str(uptr(@p2[tid])), nsecs, pid, $id, args->ret, str(uptr(@p1[tid])));"), exit);
        assertTrue(exit.contains("} else if ($id == 2 || $id == 257) {\n    printf(\"%llu\\t%d\\t#%d\\t%d\\t%s\\n\""), exit);
        assertTrue(exit.contains("} else if ($id == 0 || $id == 59 || $id == 322 || $id == 435) {\n    printf(\"%llu\\t%d\\t#%d\\t%d\\n\""), exit);
        assertFalse(s.contains("str(@p1"), "user pointers behind integers are read with str(uptr(..)): " + s);
        assertTrue(s.endsWith("END { clear(@p1); clear(@p2); }\n"), s);
    }

    @Test
    void rawProgramUsesTheArchitecturesNumbersAndSkipsCallsItLacks() {
        String s = BpftraceRawScript.generate(CALLS, SyscallNumbers.AARCH64, Optional.empty(), List.of(7L, 8L), false, Optional.empty(), 127);
        assertTrue(s.startsWith("BEGIN { @tb[7] = 1; @tb[8] = 1; }\ntracepoint:sched:sched_process_fork /@tb[pid]/"), s);
        assertTrue(s.contains("tracepoint:raw_syscalls:sys_exit /@tb[pid]/ {"), s);
        assertTrue(s.contains("  if ($id == 56) { @p1[tid] = args->args[1]; }\n"), "openat is 56 on aarch64: " + s);
        assertTrue(s.contains("($id == 221) ? $a0 : $a1"), "execve is 221: " + s);
        assertFalse(s.contains("args->args[0]; }"), "no open or rename on aarch64: " + s);
        assertEquals(List.of("openat", "read", "renameat2", "execve", "execveat", "clone3"),
                BpftraceRawScript.numbered(CALLS, SyscallNumbers.AARCH64).stream().map(BpftraceScript.Call::syscall).toList());
    }

    @Test
    void rawCountsProgramCountsByNumberWithForksOnTheParentSide() {
        String s = BpftraceRawScript.generate(CALLS, SyscallNumbers.X86_64, Optional.empty(), List.of(7L), true,
                Optional.of("/tmp/s \"1\""), 127);
        assertEquals(2, probes(s, "tracepoint:raw_syscalls:"), s);
        assertEquals(0, probes(s, "tracepoint:sched:sched_process_exec"), s);
        assertTrue(s.contains("  if ($id == 435) { if (args->ret != 0) { @c[$id] = count(); } }\n"
                + "  else if ($id == 0 || $id == 2 || $id == 59 || $id == 82 || $id == 257 || $id == 316 || $id == 322) { @c[$id] = count(); }\n"), s);
        assertTrue(s.contains("if ($id == 2 || $id == 257) {\n    $a0 = args->args[0]; $a1 = args->args[1]; $p = ($id == 2) ? $a0 : $a1;\n"
                + "    if (str(uptr($p)) == \"/tmp/s \\\"1\\\"\") { printf(\"SENTINEL\\t%d\\t%s\\n\", pid, str(uptr($p))); }"), s);
        assertTrue(s.endsWith("END { clear(@tb); }\n"), s);
    }

    @Test
    void countsModeReadinessPrintsTheSentinelOnlyHoweverLongItsPath() {
        // 158 bytes: longer than str() keeps (127) and than a bpftrace literal (63); was: the first 16384 opens printed
        String dir = "/tmp/q/audit2-tracers/deep/paper-2026/experiments/tracer-overhead-study/results-for-camera-ready"
                + "/bpf-20261207-144552/trials/002-bpftrace-plain-w1-r1";
        String sentinel = dir + "/.sentinel";
        String raw = BpftraceRawScript.generate(CALLS, SyscallNumbers.X86_64, Optional.empty(), List.of(7L), true, Optional.of(sentinel), 127);
        String head = sentinel.substring(0, 63);
        String tail = sentinel.substring(158 - 63);
        assertTrue(raw.contains("    if (strncmp(str(uptr($p)), \"" + head + "\", 63) == 0 && str(uptr($p + 95)) == \"" + tail
                + "\") { printf(\"SENTINEL\\t%d\\t%s\\n\", pid, str(uptr($p))); }\n"), raw);
        assertFalse(raw.contains("@ready"), raw);
        String per = BpftraceScript.generate(CALLS, Optional.empty(), List.of(7L), true, Optional.of(sentinel), 127);
        assertTrue(per.contains("tracepoint:syscalls:sys_enter_openat /@tb[pid]/ { $p = (uint64)args->filename; if (strncmp(str(uptr($p)), \""
                + head + "\", 63) == 0 && str(uptr($p + 95)) == \"" + tail + "\") { printf("), per);
        assertFalse(per.contains("@ready"), per);
        // a short str(): chunks of strLen - 1 bytes; a character is never cut
        String uni = "/r/" + "é".repeat(20) + "/.sentinel"; // 53 bytes
        assertEquals("strncmp(str(uptr($p)), \"/r/" + "é".repeat(14) + "\", 31) == 0 && str(uptr($p + 21)) == \""
                + "é".repeat(11) + "/.sentinel\"", BpftraceScript.isSentinel("$p", uni, 32));
    }

    @Test
    void perSyscallProgramIsOnePairPerSyscall() {
        String s = BpftraceScript.generate(CALLS, Optional.empty(), List.of(7L), false, Optional.empty(), 127);
        assertEquals(String.join("\n",
                "BEGIN { @tb[7] = 1; }",
                "tracepoint:sched:sched_process_fork /@tb[pid]/ { @tb[args->child_pid] = 1; }",
                "tracepoint:syscalls:sys_enter_open /@tb[pid]/ { @p1[tid] = args->filename; }",
                "tracepoint:syscalls:sys_exit_open /@tb[pid]/ { printf(\"%llu\\t%d\\topen\\t%d\\t%s\\n\", nsecs, pid, args->ret, str(@p1[tid])); delete(@p1[tid]); }",
                "tracepoint:syscalls:sys_enter_openat /@tb[pid]/ { @p1[tid] = args->filename; }",
                "tracepoint:syscalls:sys_exit_openat /@tb[pid]/ { printf(\"%llu\\t%d\\topenat\\t%d\\t%s\\n\", nsecs, pid, args->ret, str(@p1[tid])); delete(@p1[tid]); }",
                "tracepoint:syscalls:sys_exit_read /@tb[pid]/ { printf(\"%llu\\t%d\\tread\\t%d\\n\", nsecs, pid, args->ret); }",
                "tracepoint:syscalls:sys_enter_rename /@tb[pid]/ { @p1[tid] = args->oldname; @p2[tid] = args->newname; }",
                "tracepoint:syscalls:sys_exit_rename /@tb[pid]/ { printf(\"P\\t%s\\n%llu\\t%d\\trename\\t%d\\t%s\\n\", str(@p2[tid]), nsecs, pid, args->ret, str(@p1[tid])); delete(@p2[tid]); delete(@p1[tid]); }",
                "tracepoint:syscalls:sys_enter_renameat2 /@tb[pid]/ { @p1[tid] = args->oldname; @p2[tid] = args->newname; }",
                "tracepoint:syscalls:sys_exit_renameat2 /@tb[pid]/ { printf(\"P\\t%s\\n%llu\\t%d\\trenameat2\\t%d\\t%s\\n\", str(@p2[tid]), nsecs, pid, args->ret, str(@p1[tid])); delete(@p2[tid]); delete(@p1[tid]); }",
                "tracepoint:syscalls:sys_enter_execve /@tb[pid]/ { printf(\"%llu\\t%d\\texecve\\tE\\t%s\\n\", nsecs, pid, str(args->filename)); }",
                "tracepoint:syscalls:sys_exit_execve /@tb[pid]/ { printf(\"%llu\\t%d\\texecve\\t%d\\n\", nsecs, pid, args->ret); }",
                "tracepoint:syscalls:sys_enter_execveat /@tb[pid]/ { printf(\"%llu\\t%d\\texecveat\\tE\\t%s\\n\", nsecs, pid, str(args->filename)); }",
                "tracepoint:syscalls:sys_exit_execveat /@tb[pid]/ { printf(\"%llu\\t%d\\texecveat\\t%d\\n\", nsecs, pid, args->ret); }",
                "tracepoint:syscalls:sys_exit_clone3 /@tb[pid]/ { printf(\"%llu\\t%d\\tclone3\\t%d\\n\", nsecs, pid, args->ret); }",
                "tracepoint:sched:sched_process_exec /@tb[pid]/ { printf(\"%llu\\t%d\\texecve\\tX\\t%s\\n\", nsecs, pid, str(args->filename)); }",
                "END { clear(@p1); clear(@p2); clear(@tb); }", ""), s);
        String counts = BpftraceScript.generate(CALLS, Optional.of("/cg"), List.of(), true, Optional.of("/r/.sentinel"), 127);
        assertTrue(counts.contains("tracepoint:syscalls:sys_exit_clone3 /cgroup == cgroupid(\"/cg\") && args->ret != 0/ { @c[\"clone3\"] = count(); }"), counts);
        assertEquals(CALLS.size() + 2, probes(counts, "tracepoint:syscalls:"), "one exit probe per call plus open and openat readiness: " + counts);
    }

    @Test
    void pathArgumentIndexesComeFromTheFormatFiles() throws Exception {
        Optional<Tracefs> fs = Tracefs.find();
        Requirements.require(fs.isPresent(), "tracefs is not mounted.");
        Map<String, List<Integer>> args = BpftraceScript.calls(fs.get()).stream()
                .collect(Collectors.toMap(BpftraceScript.Call::syscall, BpftraceScript.Call::pathArgs));
        Requirements.require(args.containsKey("renameat"), "no syscall tracepoints on this kernel.");
        assertEquals(List.of(1, 3), args.get("renameat"), "olddfd, oldname, newdfd, newname");
        assertEquals(List.of(0, 2), args.get("symlinkat"), "oldname, newdfd, newname");
        assertEquals(List.of(1), args.get("openat"));
        assertEquals(List.of(1), args.get("unlinkat"), "pathname");
        assertEquals(List.of(), args.get("read"));
    }
}
