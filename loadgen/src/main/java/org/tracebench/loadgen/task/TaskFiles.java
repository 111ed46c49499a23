package org.tracebench.loadgen.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.tracebench.loadgen.op.OpKind;

/**
 * Entry points for reading and checking task files. Call order for a run: {@link #load} (syntax, types, values,
 * exec targets, launch rule), then {@link #checkSafety} with the effective work root (before any setup or
 * operation), then run. Stateless and thread-safe.
 */
public final class TaskFiles {
    /**
     * The work root when neither {@code --work-root} nor the file's {@code workRoot} names one. On disk (not tmpfs,
     * unlike /tmp on some systems) so that O_DIRECT really bypasses a page cache.
     */
    public static final Path DEFAULT_WORK_ROOT = Path.of("/var/tmp/tracebench");

    private TaskFiles() {}

    /**
     * Parses a legacy or v2 task file safely; every problem found is reported at once, each naming
     * {@code file:line:column}. Warnings (usable but suspicious) are in {@link TaskFile#warnings()}.
     */
    public static TaskFile load(Path file) throws TaskFileException {
        return new TaskFileParser(file).parse();
    }

    /**
     * Everything {@code tracebench validate} reports about one task file, without running or writing anything:
     * parse problems and, for the tasks that parsed, safety problems against the effective work root.
     *
     * @param file the file as far as it could be parsed; empty when its YAML is unusable
     */
    public record Validation(Optional<TaskFile> file, List<String> problems, List<String> warnings) {
        public Validation {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() { return problems.isEmpty() && file.isPresent(); }
    }

    /**
     * Parses and safety-checks {@code file} and collects every problem of both steps.
     *
     * @param cliWorkRoot {@code --work-root}, or null for the file's or the default
     * @param workers     {@code --workers}, or empty for the file's (or 1)
     */
    public static Validation validate(Path file, Path cliWorkRoot, List<Path> allowed, OptionalInt workers) {
        TaskFileParser.Outcome o = new TaskFileParser(file).parseAll();
        List<String> problems = new ArrayList<>(o.errors());
        o.file().ifPresent(tf -> {
            String prefix = tf.source() + ": ";
            Path root = effectiveWorkRoot(tf, cliWorkRoot);
            int n = workers.orElse(tf.workers().orElse(1));
            problems.addAll(RunChecks.check(tf, root, n));
            for (String p : PathSafety.check(tf, root, allowed, n)) {
                // the parser already said it at the key's line (a system-directory workRoot)
                String body = p.startsWith(prefix) ? p.substring(prefix.length()) : p;
                if (o.errors().stream().noneMatch(e -> e.endsWith(": " + body))) problems.add(p);
            }
        });
        problems.sort(BY_POSITION); // the path checks run after parsing, but a reader goes down the file
        return new Validation(o.file(), problems, o.warnings());
    }

    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("^.*?:(\\d+):(\\d+): ");

    /** Problems in file order by their {@code file:line:column:} prefix; those without one keep their place first. */
    static final java.util.Comparator<String> BY_POSITION = java.util.Comparator.comparingLong(TaskFiles::position);

    private static long position(String problem) {
        java.util.regex.Matcher m = POSITION.matcher(problem);
        if (!m.find()) return -1;
        try {
            return Long.parseLong(m.group(1)) * 1_000_000L + Math.min(999_999L, Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code cliWorkRoot} (resolved against the current directory) if given, else the file's, else the default. */
    public static Path effectiveWorkRoot(TaskFile file, Path cliWorkRoot) {
        if (cliWorkRoot != null) return cliWorkRoot.toAbsolutePath().normalize();
        return file.workRoot().orElse(DEFAULT_WORK_ROOT);
    }

    /**
     * Refuses any mutating task or setup entry whose path (expanded for every worker of the file's
     * {@code workers}, or 1, and for every iteration as far as existing entries go; symlinks resolved as the kernel
     * does, also those the run's own links and renames make) lies outside {@code workRoot} and {@code allowed}, and
     * a work root or allowed directory that is a file or a system directory (docs/task-files.md, Safety). Derived paths ({@code -renamed}, {@code -hard-link}, {@code -soft-link})
     * are checked too. Read and exec ops may target any path.
     */
    public static void checkSafety(TaskFile file, Path workRoot, List<Path> allowed) throws TaskFileException {
        checkSafety(file, workRoot, allowed, file.workers().orElse(1));
    }

    /**
     * As {@link #checkSafety(TaskFile, Path, List)} for {@code workers} workers (the command line may override),
     * and the checks that need the work root, the workers and this machine: a {@code blockSize} the file system's
     * O_DIRECT accepts, direct buffers within what the load generator's JVM may reserve.
     */
    public static void checkSafety(TaskFile file, Path workRoot, List<Path> allowed, int workers)
            throws TaskFileException {
        List<String> problems = new ArrayList<>(PathSafety.check(file, workRoot, allowed, workers));
        problems.addAll(RunChecks.check(file, workRoot, workers));
        problems.sort(BY_POSITION);
        if (!problems.isEmpty()) throw new TaskFileException(problems);
    }

    /**
     * The second path an op writes, as loder named it: {@code rename} to {@code path-renamed}, {@code hard-link}
     * and {@code soft-link} create {@code path-hard-link} / {@code path-soft-link}. Empty for other ops.
     */
    public static Optional<String> derivedPath(OpKind op, String path) {
        return switch (op) {
            case RENAME -> Optional.of(path + "-renamed");
            case HARD_LINK -> Optional.of(path + "-hard-link");
            case SOFT_LINK -> Optional.of(path + "-soft-link");
            default -> Optional.empty();
        };
    }

    /**
     * Where {@code path} leads the way the kernel resolves it (symbolic links followed, {@code ..} applied to the real
     * parent); the part that does not exist yet is taken literally. Reads the file system, never writes.
     */
    public static Path realPath(Path path) {
        return PathSafety.real(path);
    }

    /**
     * Resolves an expanded task path: absolute as is, relative against the work root. Not normalized: the kernel
     * resolves {@code ..} after symlinks, and {@link #checkSafety} checked exactly that resolution.
     */
    public static Path resolve(Path workRoot, String expandedPath) {
        return workRoot.resolve(expandedPath);
    }
}
