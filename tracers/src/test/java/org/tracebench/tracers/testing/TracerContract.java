package org.tracebench.tracers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;

/**
 * What every backend's integration test checks against a real {@link TargetProcess} run: each op of
 * {@link TargetProcess#KNOWN_OPS} that the capabilities promise with a path is reported with that path, each one
 * promised count-only is reported at all, nothing is reported for a second process working in the same directory,
 * and no tracer process outlives stop.
 */
public final class TracerContract {
    private TracerContract() {}

    /**
     * One expected observation of KNOWN_OPS: the op and the paths of which one must be the event's path or path2.
     * data.txt is renamed to renamed.txt and linked as hard.txt right after it is read, so a backend that resolves
     * paths late (fatrace reads /proc/self/fd/N when it gets to the event) may name it by a later name of the
     * same file; all of them count.
     */
    public record Expected(FileOp op, List<String> paths) {
        boolean matches(TraceEvent e) {
            return e.op() == op && (e.path() != null && paths.contains(e.path()) || e.path2() != null && paths.contains(e.path2()));
        }
    }

    /** The observations KNOWN_OPS produces inside {@code dir}. */
    public static List<Expected> knownOps(Path dir) {
        String d = dir.toString() + "/";
        List<String> data = List.of(d + "data.txt", d + "renamed.txt", d + "hard.txt");
        return List.of(new Expected(FileOp.OPEN, data), new Expected(FileOp.WRITE, data),
                new Expected(FileOp.READ, data), new Expected(FileOp.CLOSE, data),
                new Expected(FileOp.RENAME, List.of(d + "renamed.txt")), new Expected(FileOp.CHMOD, List.of(d + "renamed.txt")),
                new Expected(FileOp.LINK, List.of(d + "hard.txt")), new Expected(FileOp.SYMLINK, List.of(d + "soft.txt")),
                new Expected(FileOp.MKDIR, List.of(d + "subdir")), new Expected(FileOp.EXEC, List.of("/bin/true")));
    }

    /** Starts a shell that works on {@code other.txt} in {@code dir}: the process the tracer must not report. */
    public static Process startOtherProcess(Path dir) throws IOException {
        String o = dir.resolve("other.txt").toString();
        return new ProcessBuilder("sh", "-c", "for i in 1 2 3 4 5; do echo x > '" + o + "'; cat '" + o
                + "' >/dev/null; mv '" + o + "' '" + o + ".moved'; chmod 600 '" + o + ".moved'; rm '" + o
                + ".moved'; sleep 0.05; done").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Collects the session's events. */
    public static List<TraceEvent> events(TraceSession session) throws IOException {
        List<TraceEvent> out = new ArrayList<>();
        session.events(out::add);
        return out;
    }

    /** Asserts the capabilities' promises about KNOWN_OPS run in {@code dir}, whose exec'd child was {@code child}. */
    public static void assertKnownOps(Capabilities caps, List<TraceEvent> events, Path dir, long child) {
        for (Expected x : knownOps(dir)) {
            boolean withPath = events.stream().anyMatch(x::matches);
            if (caps.withPath().contains(x.op())) {
                assertTrue(withPath, x.op() + " of " + x.paths() + " is promised with its path but missing");
            } else if (caps.countOnly().contains(x.op())) {
                assertTrue(events.stream().anyMatch(e -> e.op() == x.op()), x.op() + " is promised (count only) but missing");
            } else {
                assertFalse(withPath, x.op() + " of " + x.paths() + " reported although the capabilities say it is invisible");
            }
        }
        if (caps.withPath().contains(FileOp.EXEC)) {
            assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && e.pid() == child
                    && "/bin/true".equals(e.path())), "the exec of /bin/true is attributed to the child " + child);
        }
        if (caps.execSeenAsOpen()) {
            String real = realPath("/bin/true");
            assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.OPEN && e.pid() == child
                    && ("/bin/true".equals(e.path()) || real.equals(e.path()))),
                    "the exec of /bin/true shows as an open of " + real + " by the child " + child);
        }
        if (caps.followsChildren()) {
            assertTrue(events.stream().anyMatch(e -> e.pid() == child), "nothing seen from the child " + child);
        }
    }

    private static String realPath(String p) {
        try {
            return Path.of(p).toRealPath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts that nothing of the other process (its pid, its file) is reported. */
    public static void assertNothingOf(Process other, Path dir, List<TraceEvent> events) {
        String o = dir.resolve("other.txt").toString();
        for (TraceEvent e : events) {
            if (e.pid() == other.pid()) fail("event of the other process reported: " + e);
            if (e.path() != null && e.path().startsWith(o) || e.path2() != null && e.path2().startsWith(o)) {
                fail("the other process's file was reported: " + e);
            }
        }
    }

    /** Asserts that none of {@code pids} is still running (waiting briefly for the kernel to reap them). */
    public static void assertGone(List<Long> pids) throws InterruptedException {
        for (long pid : pids) {
            for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "tracer process " + pid + " still runs");
        }
    }

    /** SIGKILLs the tracer's processes and waits until the session notices. */
    public static void killTracer(TraceSession session) throws Exception {
        List<Long> pids = session.pids();
        assertFalse(pids.isEmpty(), "the session reports no tracer pid to kill");
        for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        for (int i = 0; i < 250 && session.alive(); i++) TimeUnit.MILLISECONDS.sleep(20);
        assertFalse(session.alive(), "the tracer survived SIGKILL");
    }

    /** The outcome of a tracer killed with SIGKILL before stop: died early, exit code 137 (128 + 9). */
    public static void assertKilledOutcome(TraceOutcome o) {
        assertTrue(o.diedEarly(), "a tracer killed mid-run must be reported as died early");
        assertEquals(137, o.exitCode(), "exit code of a SIGKILLed tracer");
        assertTrue(o.stderrTail() != null);
    }

    /** A fresh sentinel path in {@code dir}. */
    public static Path sentinel(Path dir) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve("sentinel-" + System.nanoTime());
    }

    /**
     * Waits until {@code session} has seen {@code target} open a fresh sentinel in {@code dir} (the harness's
     * readiness check); returns the sentinel's path.
     */
    public static Path awaitSentinel(TraceSession session, TargetHandle target, Path dir) throws Exception {
        Path sentinel = sentinel(dir);
        session.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), READY_TIMEOUT);
        return sentinel;
    }

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration GRACE = Duration.ofSeconds(5);
}
