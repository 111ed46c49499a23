package org.tracebench.tracers.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.testing.Requirements;

/** The number tables against the kernel headers installed here (linux-libc-dev) and against the running kernel. */
class SyscallNumbersTest {
    /** Tracepoint name to the header's {@code __NR_} name where they differ. */
    private static final Map<String, String> HEADER_NAME = Map.of("newstat", "stat", "newlstat", "lstat", "newfstat", "fstat");

    private static Map<String, Integer> defines(Path header) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^#define __NR(3264)?_(\\w+)\\s+(\\d+)\\s*$").matcher(Files.readString(header));
        while (m.find()) out.putIfAbsent(m.group(2), Integer.parseInt(m.group(3)));
        return out;
    }

    private static void matches(SyscallNumbers table, Path header, Map<String, String> aliases) throws Exception {
        Requirements.require(Files.isRegularFile(header), header + " is not installed (apt-get install linux-libc-dev).");
        Map<String, Integer> nr = defines(header);
        int checked = 0;
        for (Map.Entry<String, Integer> e : table.all().entrySet()) {
            Integer want = nr.get(aliases.getOrDefault(e.getKey(), e.getKey()));
            if (want == null) {
                // headers older than the syscall (fchmodat2 came with Linux 6.6)
                assertEquals("fchmodat2", e.getKey(), e.getKey() + " is not in " + header);
                continue;
            }
            assertEquals(want, e.getValue(), e.getKey() + " in " + header);
            checked++;
        }
        assertTrue(checked >= table.all().size() - 1);
    }

    @Test
    void x86_64TableMatchesTheHeaders() throws Exception {
        matches(SyscallNumbers.X86_64, Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"), HEADER_NAME);
    }

    @Test
    void aarch64TableMatchesTheGenericHeader() throws Exception {
        // asm-generic names the 64-bit stat calls __NR3264_fstatat / __NR3264_fstat
        matches(SyscallNumbers.AARCH64, Path.of("/usr/include/asm-generic/unistd.h"), Map.of("newfstatat", "fstatat", "newfstat", "fstat"));
        for (String absent : List.of("open", "creat", "newstat", "newlstat", "chmod", "chown", "lchown", "mkdir", "rmdir",
                "unlink", "rename", "link", "symlink", "fork", "vfork")) {
            assertEquals(Optional.empty(), SyscallNumbers.AARCH64.number(absent), absent + " has no aarch64 number");
        }
    }

    @Test
    void everyTracedSyscallHasANumberOnX86_64AndNamesRoundTrip() {
        for (String s : TracedSyscalls.OPS.keySet()) {
            int nr = SyscallNumbers.X86_64.number(s).orElseThrow(() -> new AssertionError(s + " has no x86_64 number"));
            assertEquals(s, SyscallNumbers.X86_64.name(nr));
        }
        assertNull(SyscallNumbers.X86_64.name(9999));
        assertNull(SyscallNumbers.X86_64.name(-1));
        assertEquals(Optional.of(SyscallNumbers.X86_64), SyscallNumbers.forArch("amd64"));
        assertEquals(Optional.of(SyscallNumbers.AARCH64), SyscallNumbers.forArch("aarch64"));
        assertEquals(Optional.empty(), SyscallNumbers.forArch("riscv64"));
    }

    @Test
    void runningKernelReportsTheTableNumberForAKnownSyscall() throws Exception {
        // ftrace's raw_syscalls:sys_enter filtered on our own pid: a getdents64 of /proc has to show the table's id
        Optional<SyscallNumbers> table = SyscallNumbers.current();
        Requirements.require(table.isPresent(), "no table for os.arch " + System.getProperty("os.arch"));
        Requirements.requireRoot();
        Optional<Tracefs> fs = Tracefs.find();
        Requirements.require(fs.isPresent() && fs.get().hasEvent("raw_syscalls", "sys_enter"), "no raw_syscalls tracepoints.");
        Path inst = fs.get().root().resolve("instances/tb-nr-" + ProcessHandle.current().pid());
        Files.createDirectory(inst);
        try {
            long tid = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
            Files.writeString(inst.resolve("events/raw_syscalls/sys_enter/filter"), "common_pid == " + tid);
            Files.writeString(inst.resolve("events/raw_syscalls/sys_enter/enable"), "1");
            try (var s = Files.list(Path.of("/proc/self/fd"))) {
                s.count(); // getdents64
            }
            Files.writeString(inst.resolve("events/raw_syscalls/sys_enter/enable"), "0");
            String trace = Files.readString(inst.resolve("trace"));
            int nr = table.get().number("getdents64").orElseThrow();
            assertTrue(trace.contains("NR " + nr + " "), "raw_syscalls trace of this thread has no 'NR " + nr + "': " + trace);
        } finally {
            Files.delete(inst);
        }
    }
}
