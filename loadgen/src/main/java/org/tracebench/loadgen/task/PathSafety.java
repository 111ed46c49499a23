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
    /** Directories that are never acceptable as a work root or allowed directory themselves. */
    private static final Set<Path> SYSTEM_DIRS = Set.of(Path.of("/"), Path.of("/bin"), Path.of("/boot"),
            Path.of("/dev"), Path.of("/etc"), Path.of("/home"), Path.of("/lib"), Path.of("/lib64"), Path.of("/opt"),
            Path.of("/proc"), Path.of("/root"), Path.of("/run"), Path.of("/sbin"), Path.of("/srv"), Path.of("/sys"),
            Path.of("/usr"), Path.of("/var"), Path.of("/tmp"), Path.of("/var/tmp"));
    private static final int MAX_SYMLINK_HOPS = 40;

    private PathSafety() {}

    /**
     * The sentence refusing {@code workRootAbs} when it is (or its symlinks lead to) a system directory; the parser
     * reports it at the file's {@code workRoot:} key, {@link #check} for a work root from the command line.
     */
    static java.util.Optional<String> systemRoot(Path workRootAbs, String taskName) {
        Path root = real(workRootAbs);
        return SYSTEM_DIRS.contains(root) ? java.util.Optional.of("The work root " + root + " is a system directory;"
                + " choose a directory of its own, such as " + TaskFiles.DEFAULT_WORK_ROOT + "/" + taskName + ".")
                : java.util.Optional.empty();
    }

    static List<String> check(TaskFile file, Path workRoot, List<Path> allowed, int workers) {
        Set<String> problems = new LinkedHashSet<>();
        Path rootAbs = workRoot.toAbsolutePath();
        Path root = real(rootAbs);
        String where = file.source() + ": ";
        systemRoot(rootAbs, file.name()).ifPresent(m -> problems.add(where + m));
        List<Path> roots = new ArrayList<>(List.of(root));
        for (Path a : allowed) {
            Path r = real(a.toAbsolutePath());
            if (SYSTEM_DIRS.contains(r)) {
                problems.add(where + "--allow-path " + a + " is a system directory; allow a directory of its own.");
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
