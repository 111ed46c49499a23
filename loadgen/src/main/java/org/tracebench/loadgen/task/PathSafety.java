package org.tracebench.loadgen.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Confines mutating operations to the work root and {@code --allow-path} directories. Paths are resolved the way
 * the kernel will: component by component, following every existing symlink (also dangling ones, which a create
 * would follow), applying {@code ..} to the real parent; components that do not exist yet are taken literally.
 */
final class PathSafety {
    /** The system's own trees: neither they nor anything under them may be a work root or allowed directory. */
    private static final List<Path> SYSTEM_TREES = paths("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64",
            "/libx32", "/proc", "/run", "/sbin", "/snap", "/sys", "/usr", "/var/backups", "/var/cache", "/var/lib",
            "/var/lock", "/var/log", "/var/mail", "/var/run", "/var/spool");
    /** Shared directories: refused themselves (but see SCRATCH_DIRS), though a directory of one's own inside is fine. */
    private static final List<Path> SHARED_DIRS = paths("/", "/home", "/media", "/mnt", "/opt", "/root", "/srv", "/var",
            "/tmp", "/var/tmp", "/dev/shm");
    /**
     * Scratch directories: a directory of one's own inside them may be a work root (so /dev/shm/x despite /dev), and
     * they themselves may be an --allow-path, since only the paths the task's own ops name are removed there.
     */
    private static final List<Path> SCRATCH_DIRS = paths("/tmp", "/var/tmp", "/dev/shm");

    private static final int MAX_SYMLINK_HOPS = 40;

    private PathSafety() {}

    private static List<Path> paths(String... p) {
        return java.util.Arrays.stream(p).map(Path::of).toList();
    }

    /** The system directory {@code real} is or lies in, or null; {@code asAllowPath} admits the scratch directories. */
    private static Path systemDir(Path real, boolean asAllowPath) {
        for (Path s : SCRATCH_DIRS) {
            if (real.startsWith(s) && (asAllowPath || !real.equals(s))) return null;
        }
        for (Path s : SHARED_DIRS) if (real.equals(s)) return s;
        for (Path s : SYSTEM_TREES) if (real.startsWith(s)) return s;
        return null;
    }

    private static String describe(Path real, Path system) {
        return real.equals(system) ? " is a system directory" : " lies in the system directory " + system;
    }

    /**
     * The sentence refusing {@code workRootAbs} when it is or lies in (also through its symlinks) a system directory;
     * the parser reports it at the file's {@code workRoot:} key, {@link #check} for a work root from the command line.
     */
    static java.util.Optional<String> systemRoot(Path workRootAbs, String taskName) {
        Path root = real(workRootAbs);
        Path sys = systemDir(root, false);
        return sys != null ? java.util.Optional.of("The work root " + root + describe(root, sys) + ";"
                + " choose a directory of its own, such as " + TaskFiles.DEFAULT_WORK_ROOT + "/" + taskName + ".")
                : java.util.Optional.empty();
    }

    /** The sentence refusing a work root that is a file or lies under one (creating it would fail), or empty. */
    private static java.util.Optional<String> notADirectory(TaskFile file, Path workRoot, Path rootAbs) {
        Path existing = rootAbs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null || Files.isDirectory(existing)) return java.util.Optional.empty();
        boolean fromFile = file.workRoot().map(r -> r.toAbsolutePath().normalize().equals(rootAbs.normalize())).orElse(false);
        String name = fromFile ? "The work root " + workRoot + " (the file's workRoot)" : "--work-root " + workRoot;
        return java.util.Optional.of(name + (existing.equals(rootAbs) ? " is a file" : " lies under the file " + existing)
                + "; give a directory.");
    }

    static List<String> check(TaskFile file, Path workRoot, List<Path> allowed, int workers) {
        Set<String> problems = new LinkedHashSet<>();
        Path rootAbs = workRoot.toAbsolutePath();
        Path root = real(rootAbs);
        String where = file.source() + ": ";
        systemRoot(rootAbs, file.name()).ifPresent(m -> problems.add(where + m));
        notADirectory(file, workRoot, rootAbs).ifPresent(m -> problems.add(where + m));
        List<Path> roots = new ArrayList<>(List.of(root));
        for (Path a : allowed) {
            Path r = real(a.toAbsolutePath());
            Path sys = systemDir(r, true);
            if (sys != null) {
                problems.add(where + "--allow-path " + a + (a.equals(r) ? "" : " (" + r + ")") + describe(r, sys)
                        + "; allow a directory of its own.");
            } else {
                roots.add(r);
            }
        }
        if (!problems.isEmpty()) return new ArrayList<>(problems);
        int n = Math.max(1, workers);
        for (SetupFile s : file.setup()) {
            checkPath(problems, s.location(), "setup entry", s.path(), rootAbs, roots, n);
        }
        for (TaskSpec t : file.tasks()) {
            if (!t.op().mutating()) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                String p = t.paths().get(i);
                SourceLocation loc = t.pathLocations().get(i);
                String what = "`" + t.op().yamlName() + "` path";
                checkPath(problems, loc, what, p, rootAbs, roots, n);
                TaskFiles.derivedPath(t.op(), p).ifPresent(d ->
                        checkPath(problems, loc, "`" + t.op().yamlName() + "` target", d, rootAbs, roots, n));
            }
        }
        return new ArrayList<>(problems);
    }

    private static void checkPath(Set<String> problems, SourceLocation loc, String what, String template,
                                  Path rootAbs, List<Path> roots, int workers) {
        int count = Placeholders.usesWorker(template) ? workers : 1;
        Placeholders.Template t = Placeholders.compile(template);
        for (int w = 0; w < count; w++) {
            String expanded = t.expand(w, 0);
            Path resolved = real(TaskFiles.resolve(rootAbs, expanded));
            if (roots.stream().noneMatch(resolved::startsWith)) {
                String shown = "`" + template + "`";
                String who = count > 1 ? " for worker " + w : "";
                problems.add(loc + ": The " + what + " " + shown + who + " resolves to " + resolved + ", outside the "
                        + "work root " + roots.get(0) + (roots.size() > 1 ? " and every --allow-path directory"
                        : " (no --allow-path given)") + "; writing, deleting, renaming, chmod, chown, linking, "
                        + "mkdir, fsync and truncate are only allowed inside them. Nothing was run.");
                return; // one message per path is enough
            }
        }
    }

    /** The path the kernel would reach, with existing symlinks followed; see the class comment. */
    static Path real(Path abs) {
        return real(abs.toAbsolutePath(), 0);
    }

    private static Path real(Path abs, int hops) {
        Path cur = abs.getRoot();
        int count = abs.getNameCount();
        for (int i = 0; i < count; i++) {
            String c = abs.getName(i).toString();
            if (c.equals(".")) continue;
            if (c.equals("..")) {
                if (cur.getParent() != null) cur = cur.getParent();
                continue;
            }
            Path next = cur.resolve(c);
            if (Files.isSymbolicLink(next) && hops < MAX_SYMLINK_HOPS) {
                try {
                    Path target = Files.readSymbolicLink(next);
                    Path joined = cur.resolve(target);
                    for (int j = i + 1; j < count; j++) joined = joined.resolve(abs.getName(j).toString());
                    return real(joined, hops + 1);
                } catch (IOException | UnsupportedOperationException e) {
                    return lexical(next, abs, i + 1);
                }
            }
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) return lexical(next, abs, i + 1);
            cur = next;
        }
        return cur;
    }

    /** {@code base} plus the components of {@code abs} from {@code from}, normalized without the file system. */
    private static Path lexical(Path base, Path abs, int from) {
        Path p = base;
        for (int j = from; j < abs.getNameCount(); j++) p = p.resolve(abs.getName(j).toString());
        return p.normalize();
    }
}
