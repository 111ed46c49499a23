package org.tracebench.harness.completeness;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;

/**
 * For each op kind of the load generator, the file operations a tracer must report for one such operation: a list
 * of groups, all of which must be reported, each group satisfied by any one of its alternatives (remove is UNLINK
 * or RMDIR); the system calls of each file operation one such operation really issues ({@link #calls}); and the
 * extra path each op derives from its ground-truth path (rename's {@code -renamed} target...).
 */
public final class Expectations {
    private static final Map<OpKind, List<Set<FileOp>>> GROUPS = new EnumMap<>(OpKind.class);
    private static final Map<OpKind, Map<FileOp, Integer>> CALLS = new EnumMap<>(OpKind.class);

    static {
        put(OpKind.READ, EnumSet.of(FileOp.OPEN), EnumSet.of(FileOp.READ));
        put(OpKind.DIRECT_READ, EnumSet.of(FileOp.OPEN), EnumSet.of(FileOp.READ));
        put(OpKind.WRITE, EnumSet.of(FileOp.OPEN), EnumSet.of(FileOp.WRITE));
        put(OpKind.DIRECT_WRITE, EnumSet.of(FileOp.OPEN), EnumSet.of(FileOp.WRITE));
        put(OpKind.OPEN, EnumSet.of(FileOp.OPEN));
        put(OpKind.EXECUTE_SUBPROC, EnumSet.of(FileOp.EXEC));
        put(OpKind.EXECUTE_SUBTHREAD, EnumSet.of(FileOp.EXEC));
        put(OpKind.FORK, EnumSet.of(FileOp.EXEC));
        put(OpKind.CREATE_DELETE, EnumSet.of(FileOp.OPEN), EnumSet.of(FileOp.UNLINK));
        put(OpKind.CHMOD, EnumSet.of(FileOp.CHMOD));
        put(OpKind.CHOWN, EnumSet.of(FileOp.CHOWN));
        put(OpKind.MKDIR, EnumSet.of(FileOp.MKDIR));
        put(OpKind.REMOVE, EnumSet.of(FileOp.UNLINK, FileOp.RMDIR));
        put(OpKind.RENAME, EnumSet.of(FileOp.RENAME));
        put(OpKind.HARD_LINK, EnumSet.of(FileOp.LINK));
        put(OpKind.SOFT_LINK, EnumSet.of(FileOp.SYMLINK));
        put(OpKind.STAT, EnumSet.of(FileOp.STAT));
        put(OpKind.READDIR, EnumSet.of(FileOp.READDIR, FileOp.OPEN));
        put(OpKind.FSYNC, EnumSet.of(FileOp.FSYNC));
        put(OpKind.TRUNCATE, EnumSet.of(FileOp.TRUNCATE));
        // docs/load-ops.md's table (the worker thread's calls, restore and prepare included, as TracedSyscalls names
        // them), plus the exec'd child's execve; ExpectationsTest holds the two together
        FileOp o = FileOp.OPEN, r = FileOp.READ, w = FileOp.WRITE, c = FileOp.CLOSE, u = FileOp.UNLINK, x = FileOp.EXEC;
        FileOp f = FileOp.FORK;
        calls(OpKind.READ, o, r, c);
        calls(OpKind.DIRECT_READ, o, r, c);
        calls(OpKind.WRITE, o, w, c);
        calls(OpKind.DIRECT_WRITE, o, w, c);
        calls(OpKind.EXECUTE_SUBPROC, f, r, c, c, c, c, x); // vfork, the exit-status pipe's read, the pipes' closes
        calls(OpKind.EXECUTE_SUBTHREAD, f, f, r, c, c, c, c, x); // plus the thread's clone3
        calls(OpKind.FORK, f, r, c, c, c, c, x);
        calls(OpKind.CREATE_DELETE, o, c, u);
        calls(OpKind.CHMOD, FileOp.CHMOD);
        calls(OpKind.CHOWN, FileOp.CHOWN);
        calls(OpKind.MKDIR, FileOp.MKDIR, FileOp.RMDIR); // restore: rmdir (public-API fallback: after an unlink that fails)
        calls(OpKind.REMOVE, FileOp.STAT, u, o, c); // a file: lstat, unlink, recreate (a directory: rmdir, mkdir)
        calls(OpKind.RENAME, FileOp.RENAME, FileOp.RENAME); // and back
        calls(OpKind.HARD_LINK, FileOp.LINK, u);
        calls(OpKind.SOFT_LINK, FileOp.SYMLINK, u);
        calls(OpKind.OPEN, o, c);
        calls(OpKind.STAT, FileOp.STAT);
        calls(OpKind.READDIR, o, FileOp.STAT, FileOp.READDIR, FileOp.READDIR, c); // a small directory's getdents64:
        // CompletenessChecker takes readdir's from the ground truth (getdents64Calls) where the load result has them
        calls(OpKind.FSYNC, o, w, FileOp.FSYNC, c);
        calls(OpKind.TRUNCATE, o, FileOp.TRUNCATE, c);
        for (OpKind k : OpKind.values()) {
            if (!GROUPS.containsKey(k)) throw new ExceptionInInitializerError("no expectation for op kind " + k);
            if (!CALLS.containsKey(k)) throw new ExceptionInInitializerError("no calls for op kind " + k);
        }
    }

    private Expectations() {}

    @SafeVarargs
    private static void put(OpKind kind, Set<FileOp>... groups) {
        GROUPS.put(kind, List.of(groups));
    }

    private static void calls(OpKind kind, FileOp... each) {
        Map<FileOp, Integer> m = new EnumMap<>(FileOp.class);
        for (FileOp f : each) m.merge(f, 1, Integer::sum);
        CALLS.put(kind, Map.copyOf(m));
    }

    /**
     * How many system calls of each file operation one {@code kind} operation issues, its untimed prepare and restore
     * steps included (rename renames back; hard-link and soft-link unlink the link): what a tracer that reports the
     * operation without a path can see of it. The calls of one operation's worker thread and its exec'd child's
     * execve (one: the default launch mechanisms; {@code posix_spawn} adds jspawnhelper's), as measured with
     * {@code loadgen/bench/syscalls.sh}; the JVM's other threads and the exec'd programs issue more of their own.
     */
    public static Map<FileOp, Integer> calls(OpKind kind) {
        return CALLS.get(kind);
    }

    /**
     * The file operations one {@code kind} operation issues only on a file descriptor (truncate's ftruncate, and
     * every call of {@link Capabilities#DESCRIPTOR_ONLY}'s): a backend that does not
     * {@link Capabilities#namesDescriptors name descriptors} reports them without a path, whatever its
     * {@code withPath} says of the path-taking variant (truncate).
     */
    public static Set<FileOp> onDescriptor(OpKind kind) {
        return kind == OpKind.TRUNCATE ? TRUNCATE_ON_DESCRIPTOR : Capabilities.DESCRIPTOR_ONLY;
    }

    private static final Set<FileOp> TRUNCATE_ON_DESCRIPTOR = EnumSet.of(FileOp.TRUNCATE, FileOp.READ, FileOp.WRITE,
            FileOp.CLOSE, FileOp.FSYNC, FileOp.READDIR);

    /**
     * Whether one {@code kind} operation unlinks a file it opens: its {@link #calls} hold OPEN and UNLINK, both on its
     * own path (no {@link #derivedPath}): create-delete creates its file and unlinks it; remove unlinks it and
     * recreates it for the next remove to unlink. Such a file may be gone before a tracer names it (fatrace's bare
     * {@code (deleted)}, {@link org.tracebench.tracers.TraceEvent#deletedFile}); another kind's file may not.
     */
    public static boolean unlinksWhatItOpens(OpKind kind) {
        Map<FileOp, Integer> c = CALLS.get(kind);
        return c.containsKey(FileOp.OPEN) && c.containsKey(FileOp.UNLINK) && derivedPath(kind, "") == null;
    }

    /** The groups of file operations one {@code kind} operation must produce. */
    public static List<Set<FileOp>> groups(OpKind kind) {
        return GROUPS.get(kind);
    }

    /** The second path an operation on {@code path} touches (rename target, link names), or null. */
    public static String derivedPath(OpKind kind, String path) {
        return switch (kind) {
            case RENAME -> path + "-renamed";
            case HARD_LINK -> path + "-hard-link";
            case SOFT_LINK -> path + "-soft-link";
            default -> null;
        };
    }
}
