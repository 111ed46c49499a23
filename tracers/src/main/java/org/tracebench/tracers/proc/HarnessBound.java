package org.tracebench.tracers.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Processes the harness starts (tracers, load generators) die with it, even when it is killed with SIGKILL and runs
 * no shutdown hook: a bpftrace or fatrace left running would keep its probes on every system call of the machine,
 * and a load generator would run out its window beside the next run's.
 * <ul>
 * <li>Each is started through util-linux's {@code setpriv --pdeathsig KILL --}, which execs the command itself
 * (same pid), with the kernel told to SIGKILL it when its parent goes. The kernel sends that signal when the
 * <em>thread</em> that started the child ends, so every start runs on one thread that lives as long as the JVM.</li>
 * <li>Each one's environment holds {@link #MARKER}{@code =<harness pid>}, so {@link #orphans} finds those of a
 * harness that is gone where setpriv lacks {@code --pdeathsig} (util-linux before 2.33).</li>
 * </ul>
 * Thread-safe.
 */
public final class HarnessBound {
    /** The environment variable naming the harness that started a process. */
    public static final String MARKER = "TRACEBENCH_HARNESS_PID";

    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tracebench-launcher");
        t.setDaemon(true);
        return t;
    });
    private static volatile Boolean pdeathsig;

    private HarnessBound() {}

    /** Starts {@code pb} bound to this harness: wrapped in setpriv where it works, marked, from the launcher thread. */
    public static Process start(ProcessBuilder pb) throws IOException {
        Future<Process> f = LAUNCHER.submit(() -> {
            pb.environment().put(MARKER, Long.toString(ProcessHandle.current().pid()));
            if (diesWithHarness()) {
                List<String> cmd = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
                cmd.addAll(pb.command());
                pb.command(cmd);
            }
            return pb.start();
        });
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            // the launcher still starts it: wait for that and kill it, so no tracer outlives a cancelled start
            try {
                f.get(10, TimeUnit.SECONDS).destroyForcibly();
            } catch (Exception ignored) {
                // it did not start
            }
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + pb.command().get(0));
        }
    }

    /**
     * True when processes started here get SIGKILL as the harness dies: {@code setpriv --pdeathsig KILL -- true} ran
     * and exited 0 (tried once).
     */
    public static boolean diesWithHarness() {
        Boolean known = pdeathsig;
        if (known != null) return known;
        boolean works;
        try {
            Process p = new ProcessBuilder("setpriv", "--pdeathsig", "KILL", "--", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            works = p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (p.isAlive()) p.destroyForcibly();
        } catch (IOException e) {
            works = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // unknown: ask again next time
        }
        pdeathsig = works;
        return works;
    }

    /**
     * Pids of live processes whose environment names a harness that is gone ({@link #MARKER}): tracers and load
     * generators left behind by a harness killed where setpriv could not tie them to it, and what they launched.
     * Reading another process's environment needs root or the same user; unreadable ones are skipped ({@link #search}
     * counts them).
     */
    public static List<Long> orphans() {
        return search().pids();
    }

    /**
     * What {@link #orphans} found, and how many processes' environments it could not read for want of root (another
     * user's): when that is not zero, any of them may be an orphan, so "none found" does not mean there are none.
     */
    public record OrphanSearch(List<Long> pids, int unreadableEnvironments) {}

    /**
     * Looks at every process's environment, as {@link #orphans} does, counting the ones it may not read without root
     * (as root none are counted: root is refused only a process that guards itself, such as a sandbox's init, and every
     * process tracebench starts is readable to root).
     */
    public static OrphanSearch search() {
        List<Long> out = new ArrayList<>();
        int unreadable = 0;
        boolean root = Probes.isRoot();
        byte[] marker = (MARKER + "=").getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long owner = owner(p.resolve("environ"), marker);
                if (owner == UNREADABLE) {
                    if (!root) unreadable++;
                }
                else if (owner > 0 && ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true)) out.add(Long.parseLong(name));
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to find
        }
        return new OrphanSearch(List.copyOf(out), unreadable);
    }

    /** {@link #owner}'s answer for an environment this process may not read. */
    private static final long UNREADABLE = -1;

    /** The harness pid in an environ file, 0 when absent or the process is gone, {@link #UNREADABLE} when refused. */
    private static long owner(Path environ, byte[] marker) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (java.nio.file.AccessDeniedException e) {
            return UNREADABLE;
        } catch (IOException e) {
            return 0;
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i < env.length && env[i] != 0) continue;
            if (i - start > marker.length && java.util.Arrays.equals(env, start, start + marker.length, marker, 0, marker.length)) {
                try {
                    return Long.parseLong(new String(env, start + marker.length, i - start - marker.length, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            start = i + 1;
        }
        return 0;
    }
}
