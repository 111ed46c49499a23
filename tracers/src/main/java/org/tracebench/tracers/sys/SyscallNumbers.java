package org.tracebench.tracers.sys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Syscall numbers of the {@link TracedSyscalls#OPS} names per architecture, for probes that see only the number
 * ({@code raw_syscalls:sys_enter}'s {@code id}). Names are tracepoint names ({@code newstat} is x86_64's {@code stat},
 * 4); a name the architecture lacks (aarch64 has no {@code open}, {@code stat} or {@code fork}) is absent. Sources:
 * the kernel's {@code arch/x86/entry/syscalls/syscall_64.tbl} and {@code include/uapi/asm-generic/unistd.h} (the
 * 64-bit layout aarch64 uses, with {@code __ARCH_WANT_RENAMEAT} and {@code __ARCH_WANT_NEW_STAT}); checked against
 * the installed headers by {@code SyscallNumbersTest}. Immutable, thread-safe.
 */
public final class SyscallNumbers {
    private final String arch;
    private final Map<String, Integer> byName;
    private final String[] byNumber;

    private SyscallNumbers(String arch, Map<String, Integer> byName) {
        this.arch = arch;
        this.byName = Collections.unmodifiableMap(byName);
        int max = byName.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        this.byNumber = new String[max + 1];
        byName.forEach((n, nr) -> byNumber[nr] = n);
    }

    /** x86_64 (syscall_64.tbl, the 64-bit "common"/"64" entries). */
    public static final SyscallNumbers X86_64 = new SyscallNumbers("x86_64", table(
            "read", 0, "write", 1, "open", 2, "close", 3, "newstat", 4, "newfstat", 5, "newlstat", 6,
            "pread64", 17, "pwrite64", 18, "clone", 56, "fork", 57, "vfork", 58, "execve", 59,
            "fsync", 74, "fdatasync", 75, "truncate", 76, "ftruncate", 77, "rename", 82, "mkdir", 83, "rmdir", 84,
            "creat", 85, "link", 86, "unlink", 87, "symlink", 88, "chmod", 90, "fchmod", 91, "chown", 92,
            "fchown", 93, "lchown", 94, "getdents64", 217, "openat", 257, "mkdirat", 258, "fchownat", 260,
            "newfstatat", 262, "unlinkat", 263, "renameat", 264, "linkat", 265, "symlinkat", 266, "fchmodat", 268,
            "renameat2", 316, "execveat", 322, "statx", 332, "clone3", 435, "openat2", 437, "fchmodat2", 452));

    /** aarch64 (asm-generic unistd.h, 64-bit). */
    public static final SyscallNumbers AARCH64 = new SyscallNumbers("aarch64", table(
            "mkdirat", 34, "unlinkat", 35, "symlinkat", 36, "linkat", 37, "renameat", 38, "truncate", 45,
            "ftruncate", 46, "fchmod", 52, "fchmodat", 53, "fchownat", 54, "fchown", 55, "openat", 56, "close", 57,
            "getdents64", 61, "read", 63, "write", 64, "pread64", 67, "pwrite64", 68, "newfstatat", 79,
            "newfstat", 80, "fsync", 82, "fdatasync", 83, "clone", 220, "execve", 221, "renameat2", 276,
            "execveat", 281, "statx", 291, "clone3", 435, "openat2", 437, "fchmodat2", 452));

    private static Map<String, Integer> table(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            if (!TracedSyscalls.OPS.containsKey(name)) throw new IllegalStateException(name + " is not a traced syscall");
            m.put(name, (Integer) pairs[i + 1]);
        }
        return m;
    }

    /** The table of a Java {@code os.arch} value ({@code amd64}/{@code x86_64}, {@code aarch64}/{@code arm64}); empty for others. */
    public static Optional<SyscallNumbers> forArch(String osArch) {
        return switch (osArch == null ? "" : osArch) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    /** The table of the running JVM's architecture ({@code os.arch}). */
    public static Optional<SyscallNumbers> current() { return forArch(System.getProperty("os.arch")); }

    /** Kernel architecture name ({@code x86_64}, {@code aarch64}). */
    public String arch() { return arch; }

    /** The number of a traced syscall, empty when this architecture lacks it. */
    public Optional<Integer> number(String syscall) { return Optional.ofNullable(byName.get(syscall)); }

    /** The traced syscall with this number, null when the number is not in the table. */
    public String name(long number) {
        return number >= 0 && number < byNumber.length ? byNumber[(int) number] : null;
    }

    /** Every name and number, in {@link TracedSyscalls#OPS}-like order. */
    public Map<String, Integer> all() { return byName; }
}
