package org.tracebench.loadgen.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task path with {@code {worker}} and {@code %d} already expanded for one worker; {@code {iteration}} is expanded
 * per call of {@link #at}. Without {@code {iteration}} the same {@link Path} object is returned every time, so the
 * hot loop allocates nothing. Relative paths resolve against the work root.
 */
public final class PathTemplate {
    public static final String WORKER = "{worker}";
    public static final String ITERATION = "{iteration}";

    private final Path fixed;
    private final String[] parts;
    private final StringBuilder sb;

    private PathTemplate(Path fixed, String[] parts) {
        this.fixed = fixed;
        this.parts = parts;
        this.sb = parts == null ? null : new StringBuilder(128);
    }

    /** Expands the worker placeholders of {@code template} and resolves it against {@code workRoot}. */
    public static PathTemplate of(String template, int worker, Path workRoot) {
        return of(template, worker, workRoot, false);
    }

    /**
     * As {@link #of(String, int, Path)}; with {@code legacy} (a loder file) only {@code %d} is expanded and braces
     * are literal, as loder took them.
     */
    public static PathTemplate of(String template, int worker, Path workRoot, boolean legacy) {
        String s = legacy ? expandLegacy(template, worker) : expandWorker(template, worker);
        if (legacy) return new PathTemplate(Path.of(s.startsWith("/") ? s : workRoot.toString() + "/" + s), null);
        // Not normalized: the kernel resolves ".." after symlinks, and the safety check checked that resolution.
        if (!s.startsWith("/")) s = workRoot.toString() + "/" + s;
        if (!s.contains(ITERATION)) return new PathTemplate(Path.of(s), null);
        return new PathTemplate(null, s.split("\\{iteration}", -1));
    }

    /**
     * For exec ops: a bare name (no '/') is looked up on PATH like a shell would; otherwise as {@link #of}.
     * A name not found on PATH stays relative to the work root (and then fails, counted as an error).
     */
    public static PathTemplate executable(String template, int worker, Path workRoot, boolean legacy) {
        String s = legacy ? expandLegacy(template, worker) : expandWorker(template, worker);
        if (!s.contains("/")) {
            String pathEnv = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, s);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new PathTemplate(candidate.toAbsolutePath(), null);
                }
            }
        }
        return of(s, worker, workRoot, legacy);
    }

    /** Replaces {@code {worker}} and the legacy {@code %d} with the worker id. */
    public static String expandWorker(String template, int worker) {
        String id = Integer.toString(worker);
        return template.replace(WORKER, id).replace("%d", id);
    }

    /** Replaces loder's {@code %d} alone with the worker id. */
    static String expandLegacy(String template, int worker) {
        return template.replace("%d", Integer.toString(worker));
    }

    /** True when the path changes with the iteration number. */
    public boolean perIteration() { return fixed == null; }

    /** The fixed path, or null when the path holds {@code {iteration}}. */
    public Path fixed() { return fixed; }

    /** The path of iteration {@code iteration}; only the calling worker thread may use this instance. */
    public Path at(long iteration) {
        if (fixed != null) return fixed;
        sb.setLength(0);
        sb.append(parts[0]);
        for (int i = 1; i < parts.length; i++) sb.append(iteration).append(parts[i]);
        return Path.of(sb.toString());
    }
}
