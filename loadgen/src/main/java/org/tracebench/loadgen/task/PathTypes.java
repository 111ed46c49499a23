package org.tracebench.loadgen.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;

/**
 * Paths that one op needs as a directory and another as a file (warnings, as {@link TaskChecks}' paths that never
 * exist): {@code readdir} lists a directory; {@code read}, {@code direct-read}, {@code write}, {@code direct-write},
 * {@code fsync} and {@code truncate} open a file, and {@code hard-link} links one (link(2) refuses a directory). One
 * path cannot be both, so one of the two ops fails in every operation: the load generator creates a missing target
 * for the first op that needs it (a 64 KiB file, a directory for {@code readdir}), and a {@code write}-like op makes
 * a file. Compared as written ({@code {worker}} and {@code %d} alike), with setup entries, with the directory a
 * {@code mkdir} leaves to a later task ({@link Handovers}), and with what a fixed path is now. Other ops act on
 * either. Reads the file system, writes nothing.
 */
final class PathTypes {
    /** Ops that fail on a directory (EISDIR; EPERM for hard-link). */
    private static final Set<OpKind> NEED_FILE = EnumSet.of(OpKind.READ, OpKind.DIRECT_READ, OpKind.WRITE,
            OpKind.DIRECT_WRITE, OpKind.FSYNC, OpKind.TRUNCATE, OpKind.HARD_LINK);

    private enum Type { FILE, DIRECTORY }

    /** The first thing that wants a path to be of a type, and how to say so. */
    private record Claim(Type type, String clause) {}

    private PathTypes() {}

    static void check(List<SetupFile> setup, List<TaskSpec> tasks, Path workRoot, boolean legacy, Problems problems) {
        Map<String, SetupFile> made = new HashMap<>();
        for (SetupFile s : setup) made.putIfAbsent(TaskChecks.norm(s.path(), legacy), s);
        Map<String, Claim> firstOp = new HashMap<>(); // the first op that needs each path as a file or a directory
        Handovers handovers = Handovers.of(tasks, legacy);
        for (int ti = 0; ti < tasks.size(); ti++) {
            TaskSpec t = tasks.get(ti);
            Type need = t.op() == OpKind.READDIR ? Type.DIRECTORY : NEED_FILE.contains(t.op()) ? Type.FILE : null;
            if (need == null) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                String p = t.paths().get(i);
                String key = TaskChecks.norm(p, legacy);
                Claim own = new Claim(need, "the `" + t.op().yamlName() + "` at " + t.location() + " needs it to be a "
                        + word(need));
                Claim other = firstOp.putIfAbsent(key, own);
                String why = other != null && other.type() != need ? other.clause() + ": one path cannot be both, so"
                        + " one of the two ops would fail in every operation (EISDIR or ENOTDIR)" : null;
                if (why == null) why = definite(t, ti, p, key, need, made, handovers, tasks, workRoot, legacy);
                if (why == null) continue;
                String mine = p + "-" + t.op().yamlName();
                problems.warn(t.pathLocations().get(i), "`" + t.op().yamlName() + "` needs `" + p + "` to be a "
                        + word(need) + ", but " + why + " and be counted as an error. Give `" + t.op().yamlName()
                        + "` a path of its own, e.g. " + (legacy ? "`files: [" + mine + "]`." : "`path: \"" + mine + "\"`."));
            }
        }
    }

    /** What makes {@code p} of the other type for certain: a setup entry, a mkdir's hand-over, what is there now. */
    private static String definite(TaskSpec t, int ti, String p, String key, Type need, Map<String, SetupFile> made,
                                   Handovers handovers, List<TaskSpec> tasks, Path workRoot, boolean legacy) {
        String op = "`" + t.op().yamlName() + "`";
        SetupFile s = made.get(key);
        if (s != null) {
            Type is = s.kind() == SetupFile.Kind.DIRECTORY ? Type.DIRECTORY : Type.FILE;
            return is == need ? null : "the setup entry at " + s.location() + " creates it as a " + word(is) + ", so "
                    + "every " + op + " would fail" + errno(t.op(), need);
        }
        if (need == Type.FILE && handovers.existsFor(tasks, ti, p, legacy)) {
            for (int k = ti - 1; k >= 0; k--) {
                TaskSpec m = tasks.get(k);
                if (m.op() != OpKind.MKDIR || m.paths().stream().noneMatch(q -> TaskChecks.norm(q, legacy).equals(key))) continue;
                return "the `mkdir` at " + m.location() + " makes it a directory and leaves it to a later task, so every "
                        + op + " would fail" + errno(t.op(), need);
            }
        }
        if (!legacy && Placeholders.usesIteration(p)) return null;
        Path now = TaskFiles.resolve(workRoot, legacy ? Placeholders.expandLegacy(p, 0) : Placeholders.expand(p, 0, 0));
        if (!Files.exists(now)) return null; // a dangling link or nothing: the run makes it, or the op fails anyway
        boolean dir = Files.isDirectory(now);
        if (dir == (need == Type.DIRECTORY)) return null;
        boolean link = Files.isSymbolicLink(now);
        return now + " exists now as a " + (link ? "symbolic link to a " : "") + (dir ? "directory" : "file")
                + ", so every " + op + " would fail" + errno(t.op(), need);
    }

    private static String errno(OpKind op, Type need) {
        return need == Type.DIRECTORY ? " (ENOTDIR, Not a directory)" : op == OpKind.HARD_LINK
                ? " (EPERM: a directory cannot be hard-linked)" : " (EISDIR, Is a directory)";
    }

    private static String word(Type t) { return t == Type.DIRECTORY ? "directory" : "file"; }
}
