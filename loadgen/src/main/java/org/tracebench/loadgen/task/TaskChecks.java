package org.tracebench.loadgen.task;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.sys.FileNameCharset;
import org.yaml.snakeyaml.nodes.Node;

/** The checks that go beyond one value: placeholders, exec targets, the launch rule, files that never exist. */
final class TaskChecks {
    /** Ops that leave the file at their path in place (the others restore what they changed). */
    private static final Set<OpKind> CREATORS = EnumSet.of(OpKind.WRITE, OpKind.DIRECT_WRITE, OpKind.FSYNC,
            OpKind.TRUNCATE);
    /**
     * Ops that fail when their path does not exist. The load generator creates such a target before the run when
     * the path is fixed and inside the work root (a 64 KiB random file, a directory for readdir), so only
     * per-iteration paths and absolute paths elsewhere can be missing.
     */
    private static final Set<OpKind> NEEDS_EXISTING = EnumSet.of(OpKind.READ, OpKind.DIRECT_READ, OpKind.OPEN,
            OpKind.STAT, OpKind.READDIR, OpKind.CHMOD, OpKind.CHOWN, OpKind.REMOVE, OpKind.RENAME, OpKind.HARD_LINK,
            OpKind.SOFT_LINK);
    /** Ops that create their path and remove it again within the op: it never exists between operations. */
    private static final Set<OpKind> UNDOERS = EnumSet.of(OpKind.CREATE_DELETE, OpKind.MKDIR);

    private final Problems problems;

    TaskChecks(Problems problems) { this.problems = problems; }

    /** Unknown {@code {name}}s, and {@code {iteration}} where it cannot apply (setup). */
    void placeholders(Node where, String path, boolean iterationAllowed) {
        for (String name : Placeholders.unknownNames(path)) {
            problems.error(where, "`{" + name + "}` is not a placeholder." + Suggest.didYouMean(name, Placeholders.NAMES)
                    + " Placeholders are {worker}, {iteration} and legacy %d (the worker id).");
        }
        if (!iterationAllowed && Placeholders.usesIteration(path)) {
            problems.error(where, "`{iteration}` cannot be used in setup: setup runs once before the first "
                    + "iteration. Use {worker} or a fixed name.");
        }
    }

    /**
     * False, with an error naming {@code field}, when {@code value} holds a NUL character: no file name or argument
     * can (the JDK refuses such a path with InvalidPathException, and exec would cut the argument short there); or a
     * character the locale's file-name encoding cannot hold ({@link FileNameCharset}), which the JDK refuses too.
     */
    boolean noNul(Node where, String field, String value) {
        int at = value.indexOf('\0');
        if (at < 0 && !FileNameCharset.canEncode(value)) {
            problems.error(where, "`" + field + "` `" + Values.abbreviate(value) + "` cannot be a file name or argument"
                    + " here: " + FileNameCharset.why());
            return false;
        }
        if (at < 0) return true;
        problems.error(where, "`" + field + "` holds a NUL character (\\0, at position " + (at + 1) + " of `"
                + Values.abbreviate(value.replace('\0', '?')) + "`); a file name or argument cannot contain one. "
                + "Expected text without it.");
        return false;
    }

    /**
     * Checks one task path as written: placeholders (not in legacy files, where loder took braces literally and
     * only {@code %d} is expanded), and for exec ops that the binary exists. The caller checked {@link #noNul}.
     */
    void taskPath(OpKind op, Node where, String path, boolean legacy) {
        if (!legacy) placeholders(where, path, true);
        if (op.family() == OpKind.Family.EXEC) {
            execTarget(where, legacy ? Placeholders.expandLegacy(path, 0) : Placeholders.expand(path, 0, 0));
        }
    }

    private void execTarget(Node where, String target) {
        if (target.contains("/")) {
            Path p = Path.of(target);
            if (!p.isAbsolute()) {
                problems.error(where, "The exec target `" + target + "` is a relative path; expected an absolute path "
                        + "(e.g. /bin/true) or a bare name found on PATH (e.g. true).");
            } else if (!Files.isRegularFile(p)) {
                problems.error(where, "The exec target " + target + " does not exist" + (Files.exists(p)
                        ? " as a regular file" : "") + "; expected an executable such as /bin/true.");
            } else if (!Files.isExecutable(p)) {
                java.util.Optional<String> noexec = Mounts.noexecMountOf(p);
                problems.error(where, noexec.isPresent() ? "The exec target " + target + " cannot be executed: the file"
                        + " system that holds it is mounted noexec (at " + noexec.get() + "); expected an executable on"
                        + " a file system mounted without noexec, such as /bin/true."
                        : "The exec target " + target + " is not executable; expected a file with an "
                        + "execute permission bit set.");
            } else {
                loadable(where, p);
            }
            return;
        }
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, target);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    loadable(where, p);
                    return;
                }
            }
        }
        problems.error(where, "The exec target `" + target + "` is not found on PATH (" + pathVar
                + "); expected an absolute path or the name of an installed program.");
    }

    /**
     * Refuses an exec target the kernel cannot load itself: neither a {@code #!} script nor an ELF binary. execve
     * fails with ENOEXEC; the JDK then runs it through {@code /bin/sh} (so a tracer sees an exec of /bin/sh, not
     * of the target, and reads 0%), while Go's exec (loder) fails. A file it cannot read is left to the run.
     */
    private void loadable(Node where, Path p) {
        byte[] head = new byte[4];
        int n = 0;
        try (java.io.InputStream in = Files.newInputStream(p)) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) n += r;
        } catch (java.io.IOException | RuntimeException e) {
            return;
        }
        boolean shebang = n >= 2 && head[0] == '#' && head[1] == '!';
        boolean elf = n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        if (shebang || elf) return;
        problems.error(where, "The exec target " + p + " is neither an ELF binary nor a script starting with `#!`; "
                + "the kernel cannot run it (ENOEXEC), the JDK would run it through /bin/sh instead, so tracers would "
                + "see an exec of /bin/sh, and loder would fail. Add a `#!` line (e.g. `#!/bin/sh`) as its first line.");
    }

    /**
     * The launch rule: the JDK reads {@code jdk.lang.Process.launchMechanism} once per process, so all explicit
     * launch values must agree, and a {@code fork} op (which the JDK only performs through FORK) forbids another.
     * Returns the effective mechanism.
     */
    Optional<Launch> launch(Optional<Launch> fileLaunch, Node fileLaunchNode, List<TaskSpec> tasks) {
        Launch explicit = fileLaunch.orElse(null);
        SourceLocation explicitAt = fileLaunch.isPresent() ? problems.at(fileLaunchNode) : null;
        for (TaskSpec t : tasks) {
            Launch l = t.options().launch();
            if (l == null) continue;
            if (explicit == null) {
                explicit = l;
                explicitAt = t.location();
            } else if (l != explicit) {
                problems.error(t.location(), "`launch: " + l.yamlName() + "` here disagrees with `launch: "
                        + explicit.yamlName() + "` at " + explicitAt + "; the JDK reads the launch mechanism once per "
                        + "process, so every exec op of one task file uses the same one.");
            }
        }
        Optional<TaskSpec> fork = tasks.stream().filter(t -> t.op() == OpKind.FORK).findFirst();
        if (explicit != null && explicit != Launch.FORK && fork.isPresent()) {
            problems.error(fork.get().location(), "The `fork` op needs the FORK launch mechanism, but `launch: "
                    + explicit.yamlName() + "` is set at " + explicitAt + ". The JDK fork+execs only through "
                    + "jdk.lang.Process.launchMechanism=FORK and reads that setting once per process, so with "
                    + explicit.yamlName() + " this op would not fork. Remove `launch` or set it to `fork`.");
        }
        if (explicit != null) return Optional.of(explicit);
        return Optional.of(TaskFile.defaultLaunch(tasks));
    }

    /**
     * Duplicate setup paths as written (errors; {@link MadePaths} compares them per worker); ops on files that will
     * not exist (warnings): a per-iteration path no earlier
     * task writes, a fixed path that only {@code create-delete} or {@code mkdir} makes (both remove it again within
     * their own op, unless {@code mkdir} leaves it to a later task: {@link Handovers}), or an absolute path that does not exist now and that nothing creates; direct reads of setup
     * files shorter than one block, paths one op needs as a file and another as a directory ({@link PathTypes}) (warnings).
     * In legacy files braces are literal, so no path is per-iteration.
     */
    void wholeFile(List<SetupFile> setup, List<TaskSpec> tasks, Path workRoot, boolean legacy) {
        Map<String, SetupFile> made = new HashMap<>();
        for (SetupFile s : setup) {
            String key = norm(s.path(), legacy);
            SetupFile earlier = made.putIfAbsent(key, s);
            if (earlier != null) {
                problems.error(s.location(), "The setup path `" + s.path() + "` is already created at "
                        + earlier.location() + "; expected each setup path once.");
            }
        }
        Map<String, TaskSpec> undone = new HashMap<>(); // fixed paths create-delete and mkdir make and remove again
        Set<String> createdAnywhere = new HashSet<>();
        for (TaskSpec t : tasks) {
            for (String p : t.paths()) {
                boolean fixed = legacy || !Placeholders.usesIteration(p);
                if (UNDOERS.contains(t.op()) && fixed) undone.putIfAbsent(norm(p, legacy), t);
                if (CREATORS.contains(t.op())) createdAnywhere.add(norm(p, legacy));
            }
        }
        Set<String> created = new HashSet<>();
        Handovers handovers = Handovers.of(tasks, legacy);
        for (int ti = 0; ti < tasks.size(); ti++) {
            TaskSpec t = tasks.get(ti);
            for (int i = 0; i < t.paths().size(); i++) {
                String p = t.paths().get(i);
                String key = norm(p, legacy);
                if (NEEDS_EXISTING.contains(t.op()) && !made.containsKey(key) && !created.contains(key)
                        && !handovers.existsFor(tasks, ti, p, legacy)) {
                    TaskSpec maker = undone.get(key);
                    if (maker != null && !createdAnywhere.contains(key)) warnUndone(t, i, p, maker, legacy);
                    else warnMissing(t, i, p, workRoot, legacy);
                }
                SetupFile s = made.get(key);
                if (t.op() == OpKind.DIRECT_READ && s != null && s.kind() == SetupFile.Kind.FILE
                        && s.sizeBytes() < t.options().blockSizeBytesOrDefault()) {
                    problems.warn(t.pathLocations().get(i), "`direct-read` reads blocks of "
                            + t.options().blockSizeBytesOrDefault() + " bytes but the setup file `" + s.path()
                            + "` holds " + s.sizeBytes() + "; give it a `size` of at least one block.");
                }
            }
            if (CREATORS.contains(t.op())) t.paths().forEach(p -> created.add(norm(p, legacy)));
        }
        PathTypes.check(setup, tasks, workRoot, legacy, problems);
    }

    /** {@code t}'s path {@code p} is made only by {@code maker}, a create-delete or mkdir, which removes it again. */
    private void warnUndone(TaskSpec t, int i, String p, TaskSpec maker, boolean legacy) {
        boolean dir = maker.op() == OpKind.MKDIR;
        String own = p + "-" + t.op().yamlName();
        problems.warn(t.pathLocations().get(i), "`" + t.op().yamlName() + "` acts on `" + p + "`, which only the `"
                + maker.op().yamlName() + "` at " + maker.location() + " creates, and that op removes it again "
                + "before it ends, so `" + p + "` never exists when `" + t.op().yamlName() + "` runs (and the load "
                + "generator does not create it in advance, or `" + maker.op().yamlName() + "` would fail): every "
                + "such operation would fail and be counted as an error. Give `" + t.op().yamlName() + "` a path "
                + (legacy ? "of its own, e.g. `files: [" + own + "]`, which the load generator creates before the run."
                : "of its own that a setup entry creates, e.g. `setup: [{path: \"" + own + "\""
                        + (dir ? ", type: directory" : "") + "}]` and `path: \"" + own + "\"`."));
    }

    private void warnMissing(TaskSpec t, int i, String p, Path workRoot, boolean legacy) {
        boolean absolute = Path.of(p).isAbsolute();
        boolean outsideRoot = absolute && !Path.of(p).normalize().startsWith(workRoot);
        if (!legacy && Placeholders.usesIteration(p)) {
            problems.warn(t.pathLocations().get(i), "`" + t.op().yamlName() + "` acts on `" + p + "`, which differs "
                    + "per iteration, and no earlier task writes it: the operation of every iteration whose path does "
                    + "not exist before the run would fail and be counted as an error. Add a `write` of the same path "
                    + "before it.");
        } else if (outsideRoot && !Files.exists(Path.of(legacy ? Placeholders.expandLegacy(p, 0)
                : Placeholders.expand(p, 0, 0)))) {
            problems.warn(t.pathLocations().get(i), "`" + t.op().yamlName() + "` acts on " + p + ", which does not "
                    + "exist now, and the load generator creates missing targets only inside the work root; every "
                    + "such operation would fail and be counted as an error.");
        }
    }

    /** A task path as checks compare it: normalized, and with v2's {@code %d} written as {@code {worker}}. */
    static String norm(String p, boolean legacy) {
        String n = Path.of(p).normalize().toString();
        return legacy ? n : n.replace(Placeholders.LEGACY_WORKER, Placeholders.WORKER);
    }
}
