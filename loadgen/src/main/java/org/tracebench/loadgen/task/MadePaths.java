package org.tracebench.loadgen.task;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;

/**
 * The paths a run makes before its first operation, expanded for every worker: setup entries, the parent directories
 * of task paths, and the 64 KiB file (a directory for {@code readdir}) an op that needs an existing target gets
 * (run.WorkArea#setup). Refused, as each fails setup or every operation: setup entries that clash with each other
 * or with what exists; a path {@code mkdir} or {@code create-delete} creates, or a {@code -renamed} /
 * {@code -hard-link} / {@code -soft-link} companion, that one of those or (but for {@code -renamed}) a
 * {@code write}-like op makes; an op that needs a companion path to exist (but for one a hand-over leaves it to,
 * {@link Handovers}); a task that takes a hand-over more than once per iteration; and, with more than one worker, an op
 * that fails when two workers run it on one path at once, on a fixed path without a worker placeholder. Entries
 * that exist now are {@link RunChecks#existingTargets}'s. Reads the file system, writes nothing.
 */
final class MadePaths {
    /** Ops that leave the file at their path in place. */
    private static final Set<OpKind> CREATORS = EnumSet.of(OpKind.WRITE, OpKind.DIRECT_WRITE, OpKind.FSYNC,
            OpKind.TRUNCATE);
    /** Ops whose path the load generator never creates in advance (run.WorkArea#CREATES). */
    private static final Set<OpKind> CREATES = EnumSet.of(OpKind.WRITE, OpKind.DIRECT_WRITE, OpKind.FSYNC,
            OpKind.TRUNCATE, OpKind.MKDIR, OpKind.CREATE_DELETE);
    /** Ops that get a missing fixed target inside the work root before the run (run.WorkArea#NEEDS_TARGET). */
    private static final Set<OpKind> NEEDS_TARGET = EnumSet.of(OpKind.READ, OpKind.DIRECT_READ, OpKind.OPEN,
            OpKind.STAT, OpKind.CHMOD, OpKind.CHOWN, OpKind.RENAME, OpKind.HARD_LINK, OpKind.SOFT_LINK, OpKind.REMOVE,
            OpKind.READDIR);
    /** Ops of which two on one path at once fail: one removes, renames or creates what the other needs or makes. */
    static final Set<OpKind> RACING = EnumSet.of(OpKind.MKDIR, OpKind.CREATE_DELETE, OpKind.REMOVE, OpKind.RENAME,
            OpKind.HARD_LINK, OpKind.SOFT_LINK);

    private final TaskFile file;
    private final Path root;
    private final int workers;
    private final boolean legacy;
    private final List<String> problems;
    private final Map<Path, SetupFile> setup = new LinkedHashMap<>();
    private final Map<Path, String> before = new HashMap<>(); // parents and implicit targets: what makes them
    private final Map<Path, TaskSpec> creators = new HashMap<>(); // the first write-like op of each path
    private final Map<Path, TaskSpec> companions = new HashMap<>(); // -renamed, -hard-link, -soft-link paths
    private final Handovers handovers;

    private MadePaths(TaskFile file, Path root, int workers, List<String> problems) {
        this.file = file;
        this.root = root;
        this.workers = workers;
        this.legacy = file.format() == TaskFile.Format.LEGACY;
        this.problems = problems;
        this.handovers = Handovers.of(file.tasks(), legacy);
    }

    static void check(TaskFile file, Path rootAbs, int workers, List<String> problems) {
        MadePaths m = new MadePaths(file, rootAbs, workers, problems);
        m.setupEntries();
        m.opPaths();
        m.created();
        m.races();
        m.handedOver();
    }

    private boolean perWorker(String template) {
        return legacy ? template.contains(Placeholders.LEGACY_WORKER) : Placeholders.usesWorker(template);
    }

    /** {@code template} for worker {@code w} ({@code {iteration}} stays), resolved and normalized. */
    private Path key(String template, int w) {
        String s = legacy ? Placeholders.expandLegacy(template, w) : Placeholders.compile(template).expandWorker(w);
        return TaskFiles.resolve(root, s).normalize();
    }

    private int count(String template) { return perWorker(template) ? workers : 1; }

    /** {@code p} as the task file would write it: relative to the work root when inside it. */
    private String shown(Path p) {
        return p.startsWith(root) && !p.equals(root) ? root.relativize(p).toString() : p.toString();
    }

    private static String forWorker(String template, Path p, String shown, int w, boolean perWorker) {
        return perWorker ? "`" + shown + "` (`" + template + "` for worker " + w + ")" : "`" + shown + "`";
    }

    /** Duplicates after expansion, entries under a setup file, and entries in the way of what exists now. */
    private void setupEntries() {
        for (SetupFile s : file.setup()) {
            for (int w = 0; w < count(s.path()); w++) {
                Path p = key(s.path(), w);
                SetupFile earlier = setup.putIfAbsent(p, s);
                // the same template twice is TaskChecks' message
                if (earlier != null && earlier != s && !earlier.path().equals(s.path())) {
                    problems.add(s.location() + ": The setup path " + forWorker(s.path(), p, shown(p), w,
                            perWorker(s.path())) + " is also created by the setup entry at " + earlier.location()
                            + "; the later entry would overwrite it. Expected each path once.");
                }
            }
        }
        for (Map.Entry<Path, SetupFile> e : setup.entrySet()) {
            Path p = e.getKey();
            SetupFile s = e.getValue();
            for (Path a = p.getParent(); a != null && a.startsWith(root) && !a.equals(root); a = a.getParent()) {
                SetupFile over = setup.get(a);
                if (over != null && over.kind() == SetupFile.Kind.FILE) {
                    problems.add(s.location() + ": The setup path `" + shown(p) + "` lies under `" + shown(a) + "`, which"
                            + " the setup entry at " + over.location() + " creates as a file, and a file holds no"
                            + " entries: creating it would fail. Make that entry `type: directory`, or move this one.");
                    break;
                }
                if (Files.exists(a, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(a)) {
                    problems.add(s.location() + ": The setup path `" + shown(p) + "` lies under " + a + ", " + (dangling(a)
                            ? "a symbolic link whose target " + target(a) + " does not exist" : "an existing file")
                            + ", so creating it would fail. Remove that " + (dangling(a) ? "link" : "file")
                            + ", or move this entry.");
                    break;
                }
            }
            for (Path a = p.getParent(); a != null && !a.equals(root) && !Files.isDirectory(a); a = a.getParent()) {
                if (!setup.containsKey(a)) before.putIfAbsent(a, "a parent directory of the setup entry at " + s.location());
            }
            boolean dir = s.kind() == SetupFile.Kind.DIRECTORY;
            if (dir ? Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p) : Files.isDirectory(p)) {
                problems.add(s.location() + ": The setup entry `" + shown(p) + "` is a " + (dir ? "directory" : "file")
                        + ", but " + p + (dangling(p) ? " is a symbolic link whose target " + target(p) + " does not exist"
                        : " exists as a " + (dir ? "file" : "directory")) + ", so creating it would fail."
                        + " Remove or move what is there, or give the entry another path.");
            }
        }
    }

    /** Records parents, implicit targets, write-like ops' paths and companions; refuses ops on companion paths. */
    private void opPaths() {
        Set<Path> createdByOps = new java.util.HashSet<>();
        Set<Path> blocked = new java.util.HashSet<>(); // one message per file in the way
        for (TaskSpec t : file.tasks()) {
            if (t.op().family() == OpKind.Family.EXEC) continue;
            for (String template : t.paths()) {
                for (int w = 0; w < count(template); w++) {
                    Path p = key(template, w);
                    Path parent = p.getParent();
                    if (parent != null && (legacy || !parent.toString().contains(Placeholders.ITERATION))) {
                        for (Path a = parent; a != null && !a.equals(root) && !Files.isDirectory(a); a = a.getParent()) {
                            SetupFile s = setup.get(a);
                            boolean file = s != null ? s.kind() == SetupFile.Kind.FILE : Files.exists(a, LinkOption.NOFOLLOW_LINKS);
                            if (file && !blocked.contains(a)) {
                                blocked.add(a);
                                problems.add(t.location() + ": The `" + t.op().yamlName() + "` path `" + template + "` lies"
                                        + " under `" + shown(a) + "`, which " + (s != null ? "the setup entry at "
                                        + s.location() + " creates as a file" : dangling(a) ? "is a symbolic link whose"
                                        + " target " + target(a) + " does not exist" : "exists as a file") + ", so its"
                                        + " parent directory cannot be created. Give the task another path.");
                            }
                            if (file || s != null) break;
                            before.putIfAbsent(a, "a parent directory of `" + template + "` (the `" + t.op().yamlName()
                                    + "` at " + t.location() + ")");
                        }
                    }
                    if (CREATORS.contains(t.op())) creators.putIfAbsent(p, t);
                    if (CREATES.contains(t.op())) createdByOps.add(p);
                    TaskFiles.derivedPath(t.op(), p.toString()).ifPresent(d -> companions.putIfAbsent(Path.of(d), t));
                }
            }
        }
        for (int ti = 0; ti < file.tasks().size(); ti++) {
            TaskSpec t = file.tasks().get(ti);
            if (!NEEDS_TARGET.contains(t.op())) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                String template = t.paths().get(i);
                if (!legacy && Placeholders.usesIteration(template)) continue;
                if (handovers.existsFor(file.tasks(), ti, template, legacy)) continue; // made earlier in the iteration
                for (int w = 0; w < count(template); w++) {
                    Path p = key(template, w);
                    if (!p.startsWith(root) || createdByOps.contains(p) || setup.containsKey(p) || before.containsKey(p)
                            || Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
                    TaskSpec maker = companions.get(p);
                    if (maker != null) {
                        problems.add(t.pathLocations().get(i) + ": `" + t.op().yamlName() + "` acts on "
                                + forWorker(template, p, shown(p), w, perWorker(template)) + ", the path the `"
                                + maker.op().yamlName() + "` at " + maker.location() + " creates and removes again"
                                + " within each of its operations. It never exists between operations, and made before"
                                + " the run, every `" + maker.op().yamlName() + "` would fail with EEXIST. Give `"
                                + t.op().yamlName() + "` a path of its own" + (legacy ? "." : ", made by a setup entry."));
                        break;
                    }
                    before.putIfAbsent(p, (t.op() == OpKind.READDIR ? "the directory" : "the 64 KiB file") + " the `"
                            + t.op().yamlName() + "` at " + t.location() + " needs");
                }
            }
        }
    }

    /** A path mkdir or create-delete creates, or a companion, that something else makes first. */
    private void created() {
        List<TaskSpec> tasks = file.tasks();
        for (int ti = 0; ti < tasks.size(); ti++) {
            TaskSpec t = tasks.get(ti);
            OpKind op = t.op();
            boolean derived = op == OpKind.RENAME || op == OpKind.HARD_LINK || op == OpKind.SOFT_LINK;
            if (!derived && op != OpKind.MKDIR && op != OpKind.CREATE_DELETE) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                String template = t.paths().get(i);
                boolean perIteration = !legacy && Placeholders.usesIteration(template);
                for (int w = 0; w < count(template); w++) {
                    Path p = key(template, w);
                    Path target = derived ? Path.of(TaskFiles.derivedPath(op, p.toString()).orElseThrow()) : p;
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue; // RunChecks#existingTargets' case
                    String why = clash(t, ti, target, perIteration);
                    if (why == null) continue;
                    String what = forWorker(derived ? TaskFiles.derivedPath(op, template).orElseThrow() : template,
                            target, shown(target), w, perWorker(template));
                    problems.add(t.pathLocations().get(i) + ": " + (op == OpKind.RENAME
                            ? "`rename` renames `" + shown(p) + "` to " + what + ", which " + why + ": rename(2) would"
                                    + " replace it in every operation. Remove that entry or op, or rename another path."
                            : op == OpKind.CREATE_DELETE
                            ? "`create-delete` creates " + what + ", which " + why + ", so its first operation would"
                                    + " truncate and delete that file (it opens with O_TRUNC, as loder's os.Create)."
                                    + " Remove that entry or op, or give the task another path."
                            : "`" + op.yamlName() + "` creates " + what + ", which " + why + ", so every operation"
                                    + " would fail with EEXIST. Remove that entry or op, or give the task another path."));
                    break;
                }
            }
        }
    }

    /** What makes {@code target} before {@code t} (task {@code ti}) creates it, as a clause, or null. */
    private String clash(TaskSpec t, int ti, Path target, boolean perIteration) {
        SetupFile s = setup.get(target);
        if (s != null) return "the setup entry at " + s.location() + " creates already";
        String m = before.get(target);
        if (m != null) return "the load generator creates before the run as " + m;
        TaskSpec c = creators.get(target);
        // a per-iteration path made by a later op of the same iteration does not exist yet when this one runs; a
        // rename onto the file a write makes succeeds (it replaces the run's own file, and the write makes it again)
        // create-delete truncates and deletes such a file each time, and the write-like op makes it again (loder's pair)
        if (c != null && c != t && t.op() != OpKind.RENAME && t.op() != OpKind.CREATE_DELETE
                && (!perIteration || file.tasks().indexOf(c) < ti)) {
            return "the `" + c.op().yamlName() + "` at " + c.location() + " creates and leaves in place";
        }
        return null;
    }

    /** With several workers, a racing op on a path all workers share. */
    private void races() {
        if (workers < 2) return;
        for (TaskSpec t : file.tasks()) {
            if (!RACING.contains(t.op())) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                String template = t.paths().get(i);
                // workers meet on a per-iteration name only at equal iteration numbers, and drift apart: most succeed
                if (perWorker(template) || !legacy && Placeholders.usesIteration(template)) continue;
                String mark = legacy ? Placeholders.LEGACY_WORKER : Placeholders.WORKER;
                problems.add(t.pathLocations().get(i) + ": `" + t.op().yamlName() + "` acts on `" + template + "`, which"
                        + " holds no worker placeholder, so all " + workers + " workers would " + t.op().yamlName()
                        + " the same path at once and most operations would fail (ENOENT, EEXIST). Put " + mark
                        + " in the path, e.g. `" + withWorker(template, mark) + "`, or run 1 worker.");
            }
        }
    }

    /**
     * A task that takes over what an earlier op made runs its first repetition on it and removes it: a second
     * repetition finds nothing, and fails in every iteration.
     */
    private void handedOver() {
        List<TaskSpec> tasks = file.tasks();
        for (int k = 0; k < tasks.size(); k++) {
            TaskSpec t = tasks.get(k);
            if (t.repeat() < 2) continue;
            for (int q = 0; q < t.paths().size(); q++) {
                int[] m = handovers.makerOf(k, q);
                if (m == null) continue;
                TaskSpec maker = tasks.get(m[0]);
                problems.add(t.pathLocations().get(q) + ": `" + t.op().yamlName() + "` runs " + t.repeat() + " times on `"
                        + t.paths().get(q) + "` per iteration, but only its first operation finds it: the `"
                        + maker.op().yamlName() + "` at " + maker.location() + " makes it once, and `" + t.op().yamlName()
                        + "` takes it away, so every later one would fail. Expected `" + (legacy ? "scale" : "repeat")
                        + ": 1` here.");
                break;
            }
        }
    }

    /** True when {@code p} is a symbolic link whose target does not exist (which no directory can be created at). */
    private static boolean dangling(Path p) {
        return Files.isSymbolicLink(p) && !Files.exists(p);
    }

    /** Where the link {@code p} points, resolved against its directory. */
    private static Path target(Path p) {
        try {
            return p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        } catch (java.io.IOException e) {
            return p;
        }
    }

    /** {@code template} with {@code mark} before the extension of its last name ({@code a.txt}: {@code a-%d.txt}). */
    static String withWorker(String template, String mark) {
        int slash = template.lastIndexOf('/');
        int dot = template.lastIndexOf('.');
        return dot > slash + 1 ? template.substring(0, dot) + "-" + mark + template.substring(dot)
                : template + "-" + mark;
    }
}
