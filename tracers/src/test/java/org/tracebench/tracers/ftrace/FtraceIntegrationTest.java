package org.tracebench.tracers.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;

/** Real ftrace (tracefs instance) against a real target JVM, with both trace_pipe readers. */
class FtraceIntegrationTest {
    private static final FtraceTracer TRACER = new FtraceTracer();

    @TempDir Path tmp;

    @Test
    void catReaderCountsTheTargetsSyscallsOnly() throws Exception {
        traceKnownOps(Map.of("bufferSizeKb", "1024"));
    }

    @Test
    void javaReaderCountsTheTargetsSyscallsOnly() throws Exception {
        traceKnownOps(Map.of("reader", "java"));
    }

    private void traceKnownOps(Map<String, String> options) throws Exception {
        Requirements.requireAvailable(TRACER);
        Path dir = Files.createDirectories(tmp.resolve("ops"));
        List<TraceEvent> events = new ArrayList<>();
        long child;
        Path instance;
        List<Long> readerPids;
        try (TargetHandle target = TargetHandle.start(); TargetHandle bystander = TargetHandle.start();
             TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), options)) {
            instance = ((FtraceSession) s).instance();
            assertTrue(Files.isDirectory(instance), "the session works in its own instance");
            assertTrue(instance.getFileName().toString().startsWith("tracebench-" + ProcessHandle.current().pid() + "-"));
            readerPids = s.pids();
            Path sentinel = tmp.resolve("sentinel");
            s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(30));
            if (options.containsKey("reader")) { // its CPU is the tracer's: the harness samples this thread
                assertEquals(1, s.harnessThreads().size(), "the java reader is named to the harness");
                assertEquals("tracebench-ftra", Files.readString(Path.of("/proc/self/task/" + s.harnessThreads().get(0)
                        + "/comm")).trim(), "the id is the reader thread's");
            } else {
                assertTrue(s.harnessThreads().isEmpty(), "cat's CPU is counted through its pid");
            }
            child = target.runKnownOps(dir);
            bystander.runKnownOps(Files.createDirectories(tmp.resolve("other")));
            TraceOutcome out = s.stop(Duration.ofSeconds(5));
            assertFalse(out.diedEarly(), String.join("\n", out.stderrTail()));
            assertEquals(0, out.exitCode());
            assertTrue(out.lostEvents() >= 0, "ftrace reports lost events from per_cpu stats");
            s.events(events::add);
            assertFalse(Files.exists(instance), "stop removes the instance");
            FixtureCapture.capture(out.outputFiles().get(0), options.containsKey("reader") ? "ftrace-session-java.txt" : "ftrace-session.txt");
            Map<FileOp, Integer> counts = new EnumMap<>(FileOp.class);
            for (TraceEvent e : events) {
                assertTrue(e.pid() == target.pid() || e.pid() == child, "event of another process: " + e);
                counts.merge(e.op(), 1, Integer::sum);
            }
            for (FileOp op : List.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE, FileOp.CLOSE, FileOp.RENAME, FileOp.CHMOD,
                    FileOp.LINK, FileOp.SYMLINK, FileOp.MKDIR, FileOp.FORK, FileOp.EXEC)) {
                assertTrue(counts.getOrDefault(op, 0) > 0, op + " not counted: " + counts);
            }
            if (!TRACER.fetchesPaths()) {
                assertTrue(TRACER.capabilities().countOnly().contains(FileOp.RENAME));
                assertTrue(events.stream().filter(e -> e.op() != FileOp.EXEC).allMatch(e -> e.path() == null));
            }
            assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && e.pid() == child && "/bin/true".equals(e.path())),
                    "exec of /bin/true by the child " + child + " (from sched_process_exec)");
        }
        for (long pid : readerPids) assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "reader left running");
        assertFalse(Files.exists(instance));
    }

    @Test
    void killedReaderIsReportedAndTheInstanceRemoved() throws Exception {
        Requirements.requireAvailable(TRACER);
        try (TargetHandle target = TargetHandle.start()) {
            TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of());
            Path instance = ((FtraceSession) s).instance();
            try (s) {
                Path sentinel = tmp.resolve("sentinel");
                s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(30));
                long pid = s.pids().get(0);
                new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                ProcessHandle.of(pid).ifPresent(ph -> ph.onExit().join());
                // Process.isAlive() learns of the exit from the JDK's reaper thread, a moment after onExit completes
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (s.alive() && System.nanoTime() < deadline) Thread.sleep(10);
                assertFalse(s.alive(), "the session notices its reader died");
                TraceOutcome out = s.stop(Duration.ofSeconds(5));
                assertTrue(out.diedEarly());
                assertEquals(137, out.exitCode(), "cat killed by SIGKILL");
            }
            assertFalse(Files.exists(instance));
        }
    }

    @Test
    void tinyBufferUnderAFloodReportsLostEvents() throws Exception {
        Requirements.requireAvailable(TRACER);
        Path sentinel = tmp.resolve("flood-sentinel");
        Process flood = new ProcessBuilder("sh", "-c", "while :; do : < /etc/hostname; : > " + sentinel + "; done").start();
        try (TraceSession s = TRACER.attach(new Target(flood.pid(), Optional.empty()), tmp.resolve("work"), Map.of("bufferSizeKb", "4"))) {
            s.awaitReady(new Sentinel(sentinel, () -> { }), Duration.ofSeconds(30));
            // stop the reader so the kernel buffer must overflow: SIGSTOP the cat, flood, then let it go
            long cat = s.pids().get(0);
            new ProcessBuilder("kill", "-STOP", Long.toString(cat)).start().waitFor();
            Thread.sleep(1500);
            new ProcessBuilder("kill", "-CONT", Long.toString(cat)).start().waitFor();
            TraceOutcome out = s.stop(Duration.ofSeconds(5));
            assertTrue(out.lostEvents() > 0, "a 4 KiB buffer with a stopped reader overruns: " + out.lostEvents());
            assertTrue(out.lostRecords() > out.lostEvents(), "records are kept apart from syscalls: " + out);
            assertEquals((out.lostRecords() + 1) / 2, out.lostEvents(), "an enter and an exit record per syscall");
        } finally {
            flood.destroyForcibly().waitFor();
        }
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        Requirements.requireAvailable(TRACER);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.tracebench.tracers.TracerException.class,
                () -> TRACER.attach(new Target(ProcessHandle.current().pid(), Optional.empty()), tmp, Map.of("bufferSizeKb", "x")));
        assertTrue(e.getMessage().contains("bufferSizeKb"));
        assertTrue(Tracefs.find().isPresent());
    }

    /** Keeps raw output when -Dtracebench.captureFixtures=DIR is set. */
    static final class FixtureCapture {
        static void capture(Path output, String name) throws java.io.IOException {
            String dir = System.getProperty("tracebench.captureFixtures");
            if (dir != null) Files.copy(output, Path.of(dir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
