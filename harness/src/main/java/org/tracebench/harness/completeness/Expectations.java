package org.tracebench.harness.completeness;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.FileOp;

/**
 * For each op kind of the load generator, the file operations a tracer must report for one such operation: a list
 * of groups, all of which must be reported, each group satisfied by any one of its alternatives (remove is UNLINK
 * or RMDIR). Also the extra path each op derives from its ground-truth path (rename's {@code -renamed} target...).
 */
public final class Expectations {
    private static final Map<OpKind, List<Set<FileOp>>> GROUPS = new EnumMap<>(OpKind.class);

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
        for (OpKind k : OpKind.values()) {
            if (!GROUPS.containsKey(k)) throw new ExceptionInInitializerError("no expectation for op kind " + k);
        }
    }

    private Expectations() {}

    @SafeVarargs
    private static void put(OpKind kind, Set<FileOp>... groups) {
        GROUPS.put(kind, List.of(groups));
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
