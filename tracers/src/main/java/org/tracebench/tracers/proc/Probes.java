package org.tracebench.tracers.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Small, side-effect-free checks backends use to probe their availability at construction. */
public final class Probes {
    private Probes() {}

    /** The executable's absolute path, searching {@code PATH} and then the sbin directories root normally has. */
    public static Optional<Path> onPath(String exe) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, exe);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** What to execute for {@code exe}: its {@link #onPath} path, or the bare name (then failing as not found). */
    public static String exe(String exe) {
        return onPath(exe).map(Path::toString).orElse(exe);
    }

    /** True when the effective uid is 0 (read from /proc/self/status, not from the user name). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        }
        return false;
    }

    /** Runs a short command and returns its stdout and stderr merged; empty when it cannot run or times out. */
    public static Optional<String> run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(1 << 16);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The installed Debian package version, e.g. {@code 0.17.0-1}, if dpkg knows the package. */
    public static Optional<String> dpkgVersion(String pkg) {
        return run(List.of(exe("dpkg-query"), "-W", "-f=${Version}", pkg), Duration.ofSeconds(5))
                .map(String::trim).filter(v -> !v.isEmpty() && !v.contains(" "));
    }

    /** The working directory of a running process, from {@code /proc/PID/cwd}. */
    public static Optional<String> cwdOf(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * The pid and every live descendant of {@code pid} (empty when it is gone), walking
     * {@code /proc/PID/task/TID/children} (a few small reads); where the kernel lacks those files
     * (CONFIG_PROC_CHILDREN off), {@link ProcessHandle#descendants()}, which reads every process in /proc and costs
     * milliseconds on each call. Callers that poll (the sampler, fatrace's pid tracking) depend on it being cheap.
     */
    public static List<Long> processTree(long pid) {
        return processTree(pid, -1);
    }

    /**
     * {@link #processTree(long)} without {@code prune} and its descendants, whose part of the tree is not read (a
     * launching tracer's own processes, without the target it started).
     */
    public static List<Long> processTree(long pid, long prune) {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(Path.of("/proc/" + pid + "/task"))) return out;
        if (!CHILDREN_FILES) {
            java.util.Set<Long> pruned = new java.util.HashSet<>(List.of(prune));
            ProcessHandle.of(prune).ifPresent(h -> h.descendants().forEach(d -> pruned.add(d.pid())));
            ProcessHandle.of(pid).ifPresent(h -> {
                out.add(h.pid());
                h.descendants().filter(d -> !pruned.contains(d.pid())).forEach(d -> out.add(d.pid()));
            });
            return out;
        }
        out.add(pid);
        for (int i = 0; i < out.size() && out.size() < 100_000; i++) {
            for (long k : children(out.get(i))) if (k != prune) out.add(k);
        }
        return out;
    }

    /** Descendants of {@code pid} only (not the pid itself). */
    public static List<Long> descendants(long pid) {
        List<Long> tree = processTree(pid);
        return tree.isEmpty() ? tree : tree.subList(1, tree.size());
    }

    private static final boolean CHILDREN_FILES = Files.exists(Path.of("/proc/self/task/" + ProcessHandle.current().pid() + "/children"));

    /** Direct children of every thread of {@code pid}; empty when it is gone. */
    private static List<Long> children(long pid) {
        List<Long> kids = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    String text = Files.readString(t.resolve("children"));
                    for (String k : text.trim().split("\\s+")) if (!k.isEmpty()) kids.add(Long.parseLong(k));
                } catch (IOException | NumberFormatException gone) {
                    // the thread exited meanwhile
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException gone) {
            // the process exited meanwhile
        }
        return kids;
    }
}
