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
    private static final int MAX_SYMLINK_HOPS = 40;

    private PathSafety() {}

    /**
     * The sentence refusing {@code workRootAbs} when it is or lies in (also through its symlinks) a system directory;
     * the parser reports it at the file's {@code workRoot:} key, {@link #check} for a work root from the command line.
     */
    static java.util.Optional<String> systemRoot(Path workRootAbs, String taskName) {
        Path root = real(workRootAbs);
        Path sys = SystemDirectories.containing(root, false);
        return sys != null ? java.util.Optional.of("The work root " + root + SystemDirectories.describe(root, sys) + ";"
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
            Path sys = SystemDirectories.containing(r, true);
            if (sys != null) {
                problems.add(where + "--allow-path " + a + (a.equals(r) ? "" : " (" + r + ")") + SystemDirectories.describe(r, sys)
                        + "; allow a directory of its own.");
            } else {
                roots.add(r);
            }
        }
        if (!problems.isEmpty()) return new ArrayList<>(problems);
        int n = Math.max(1, workers);
        boolean legacy = file.format() == TaskFile.Format.LEGACY;
        Set<String> linkSuffixes = new LinkedHashSet<>(); // names the run makes that resolve as another path does
        for (TaskSpec t : file.tasks()) TaskFiles.derivedPath(t.op(), "").ifPresent(linkSuffixes::add);
        for (SetupFile s : file.setup()) {
            checkPath(problems, s.location(), "setup entry", s.path(), false, rootAbs, roots, n, linkSuffixes);
        }
        for (TaskSpec t : file.tasks()) {
            if (!t.op().mutating()) continue;
            for (int i = 0; i < t.paths().size(); i++) {
                String p = t.paths().get(i);
                SourceLocation loc = t.pathLocations().get(i);
                String what = "`" + t.op().yamlName() + "` path";
                checkPath(problems, loc, what, p, legacy, rootAbs, roots, n, linkSuffixes);
                TaskFiles.derivedPath(t.op(), p).ifPresent(d -> checkPath(problems, loc,
                        "`" + t.op().yamlName() + "` target", d, legacy, rootAbs, roots, n, linkSuffixes));
            }
        }
        return new ArrayList<>(problems);
    }

    /**
     * Checks one template for every worker: iteration 0 as the kernel resolves it, then (for a template holding
     * {iteration}) every existing entry some iteration reaches ({@link #explore}), and the same again for each
     * variant whose directory names the run itself makes as links or renames ({@link #aliases}). A {@code legacy}
     * (loder) template expands only {@code %d}: its braces are literal, as the run uses them.
     */
    private static void checkPath(Set<String> problems, SourceLocation loc, String what, String template, boolean legacy,
                                  Path rootAbs, List<Path> roots, int workers, Set<String> linkSuffixes) {
        int count = (legacy ? template.contains(Placeholders.LEGACY_WORKER) : Placeholders.usesWorker(template)) ? workers : 1;
        Placeholders.Template t = legacy ? null : Placeholders.compile(template);
        for (int w = 0; w < count; w++) {
            Path abs = TaskFiles.resolve(rootAbs, legacy ? Placeholders.expandLegacy(template, w) : t.expand(w, 0));
            Path resolved = real(abs);
            Path through = null;
            Path alias = null;
            boolean perIteration = !legacy && Placeholders.usesIteration(template);
            if (inside(resolved, roots) && (perIteration || !linkSuffixes.isEmpty())) {
                Path withIteration = legacy ? abs : TaskFiles.resolve(rootAbs, t.expandWorker(w));
                List<Path> variants = aliases(withIteration, linkSuffixes, runMadeFrom(withIteration, rootAbs, roots));
                if (variants == null) {
                    problems.add(loc + ": The " + what + " `" + template + "` names too many directories the run"
                            + " creates as links or renames (-soft-link, -hard-link, -renamed) to check where they"
                            + " lead; use fewer. Nothing was run.");
                    return;
                }
                for (Path v : variants) {
                    Path[] escape = explore(v.getRoot(), v, 0, roots);
                    if (escape != null) {
                        resolved = escape[0];
                        through = escape[1];
                        if (!v.equals(withIteration)) alias = v;
                        break;
                    }
                }
            }
            if (!inside(resolved, roots)) {
                String shown = "`" + template + "`" + (legacy && template.contains("{") ? " (braces are literal in a legacy file)" : "");
                String who = count > 1 ? " for worker " + w : "";
                String via = through == null ? "" : " for the iteration that names the existing " + through;
                String as = alias == null ? "" : " (as " + alias + ", where the file's own soft-link, hard-link or"
                        + " rename ops make it lead)";
                problems.add(loc + ": The " + what + " " + shown + who + via + " resolves to " + resolved + as
                        + ", outside the work root " + roots.get(0) + (roots.size() > 1
                        ? " and every --allow-path directory" : " (no --allow-path given)") + "; writing, deleting,"
                        + " renaming, chmod, chown, linking, mkdir, fsync and truncate are only allowed inside them."
                        + " Nothing was run.");
                return; // one message per path is enough
            }
        }
    }

    private static boolean inside(Path resolved, List<Path> roots) {
        return roots.stream().anyMatch(resolved::startsWith);
    }

    private static final int MAX_ALIASES = 64;

    /**
     * The index of {@code abs}'s first name that the run can have made: the first below the deepest work root or
     * allowed directory that holds it (as written or resolved), since the run makes links and renames only there; 0
     * when none holds it as written. A work root named {@code j-hard-link} is the user's, not the run's alias of j.
     */
    private static int runMadeFrom(Path abs, Path rootAbs, List<Path> roots) {
        int from = 0;
        for (Path r : java.util.stream.Stream.concat(java.util.stream.Stream.of(rootAbs), roots.stream()).toList()) {
            if (abs.startsWith(r)) from = Math.max(from, r.getNameCount());
        }
        return from;
    }

    /**
     * {@code abs} and every path it resolves as when its directory names from index {@code from} on ending in one of
     * {@code suffixes} are the run's own: a {@code soft-link}, {@code hard-link} or {@code rename} of P makes
     * P-soft-link (a link to P), P-hard-link and P-renamed in P's directory, which lead where P leads. Null when there
     * are too many to check.
     */
    private static List<Path> aliases(Path abs, Set<String> suffixes, int from) {
        List<Path> out = new ArrayList<>(List.of(abs.getRoot()));
        int n = abs.getNameCount();
        for (int i = 0; i < n; i++) {
            List<String> names = new ArrayList<>(List.of(abs.getName(i).toString()));
            for (int k = 0; i >= from && i < n - 1 && k < names.size(); k++) { // the last name is the op's own target
                for (String suffix : suffixes) {
                    String name = names.get(k);
                    if (name.endsWith(suffix) && name.length() > suffix.length()) {
                        names.add(name.substring(0, name.length() - suffix.length()));
                    }
                }
                if (names.size() > MAX_ALIASES) return null;
            }
            List<Path> next = new ArrayList<>();
            for (Path p : out) for (String name : names) next.add(p.resolve(name));
            if (next.size() > MAX_ALIASES) return null;
            out = next;
        }
        return out;
    }

    /**
     * Where the names of {@code abs} from index {@code from} on lead from {@code prefix}, for every iteration, as far
     * as entries exist now: a name holding {@code {iteration}} matches each existing entry of its directory with a
     * number in its place (also a symlink, followed) and, for the names that do not exist, stands for itself. Returns
     * the first resolution outside {@code roots} with the entry that leads there (or null for a literal name), or
     * null when every one is inside. Reads directories only at check time: the run adds no system call.
     */
    private static Path[] explore(Path prefix, Path abs, int from, List<Path> roots) {
        int n = abs.getNameCount();
        int j = from;
        while (j < n && !abs.getName(j).toString().contains(Placeholders.ITERATION)) j++;
        Path dirPath = prefix;
        for (int k = from; k < j; k++) dirPath = dirPath.resolve(abs.getName(k).toString());
        if (j == n) {
            Path r = real(dirPath);
            return inside(r, roots) ? null : new Path[] {r, null};
        }
        Path dir = real(dirPath);
        String name = abs.getName(j).toString();
        Path literal = lexical(dir.resolve(name), abs, j + 1);
        if (!inside(literal, roots)) return new Path[] {literal, null};
        if (!Files.isDirectory(dir)) return null;
        java.util.regex.Pattern pattern = Placeholders.iterationNames(name);
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (!pattern.matcher(e.getFileName().toString()).matches()) continue;
                if (j == n - 1 && !Files.isSymbolicLink(e)) continue; // the last name, in dir: inside as dir is
                Path[] found = explore(e, abs, j + 1, roots);
                if (found != null) return found[1] != null ? found : new Path[] {found[0], e};
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // unreadable now: nothing in it to follow
        }
        return null;
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
