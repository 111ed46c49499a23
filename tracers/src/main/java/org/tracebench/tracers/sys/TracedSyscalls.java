package org.tracebench.tracers.sys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tracebench.tracers.FileOp;

/**
 * The syscall set the tracepoint backends (ftrace, bpftrace) trace, every variant of each operation: libc's
 * {@code chmod()} is the {@code chmod} syscall, Go's is {@code fchmodat}; the JDK issues the old calls. Names are
 * tracepoint names ({@code newfstatat}, not {@code fstatat}); variants the kernel lacks are skipped at run time.
 */
public final class TracedSyscalls {
    private TracedSyscalls() {}

    /** Syscall name to the operation it performs, in a stable order. */
    public static final Map<String, FileOp> OPS;

    static {
        Map<String, FileOp> m = new LinkedHashMap<>();
        for (String s : new String[] {"open", "openat", "openat2", "creat"}) m.put(s, FileOp.OPEN);
        for (String s : new String[] {"read", "pread64"}) m.put(s, FileOp.READ);
        for (String s : new String[] {"write", "pwrite64"}) m.put(s, FileOp.WRITE);
        m.put("close", FileOp.CLOSE);
        for (String s : new String[] {"newstat", "newlstat", "newfstat", "newfstatat", "statx"}) m.put(s, FileOp.STAT);
        m.put("getdents64", FileOp.READDIR);
        for (String s : new String[] {"fsync", "fdatasync"}) m.put(s, FileOp.FSYNC);
        for (String s : new String[] {"truncate", "ftruncate"}) m.put(s, FileOp.TRUNCATE);
        for (String s : new String[] {"chmod", "fchmod", "fchmodat", "fchmodat2"}) m.put(s, FileOp.CHMOD);
        for (String s : new String[] {"chown", "fchown", "lchown", "fchownat"}) m.put(s, FileOp.CHOWN);
        for (String s : new String[] {"mkdir", "mkdirat"}) m.put(s, FileOp.MKDIR);
        m.put("rmdir", FileOp.RMDIR);
        for (String s : new String[] {"unlink", "unlinkat"}) m.put(s, FileOp.UNLINK);
        for (String s : new String[] {"rename", "renameat", "renameat2"}) m.put(s, FileOp.RENAME);
        for (String s : new String[] {"link", "linkat"}) m.put(s, FileOp.LINK);
        for (String s : new String[] {"symlink", "symlinkat"}) m.put(s, FileOp.SYMLINK);
        for (String s : new String[] {"execve", "execveat"}) m.put(s, FileOp.EXEC);
        for (String s : new String[] {"clone", "clone3", "fork", "vfork"}) m.put(s, FileOp.FORK);
        OPS = Collections.unmodifiableMap(m);
    }

    /** The op of a syscall, {@link FileOp#OTHER} when it is not in the set. */
    public static FileOp opOf(String syscall) {
        FileOp op = OPS.get(syscall);
        return op == null ? FileOp.OTHER : op;
    }

    /** Field names that carry a file name in syscall tracepoints (checked against each format file). */
    public static boolean isPathField(String type, String name) {
        return type.contains("char *") && !type.contains("*const *")
                && (name.equals("filename") || name.equals("pathname") || name.equals("path")
                || name.equals("oldname") || name.equals("newname"));
    }
}
