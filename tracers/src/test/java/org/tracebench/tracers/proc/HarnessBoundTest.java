package org.tracebench.tracers.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.testing.Requirements;

/** A tracer outlives no harness: a real JVM killed with SIGKILL takes its tracer along; orphans are found by marker. */
class HarnessBoundTest {
    @TempDir Path tmp;

    /** A stand-in harness: starts a tracer from a thread that ends at once, prints its pid, then waits to be killed. */
    public static final class Harness {
        public static void main(String[] args) throws Exception {
            long[] pid = new long[1];
            Thread starter = new Thread(() -> {
                try {
                    pid[0] = TracerProcess.start(List.of("sleep", "600"), Map.of(), null, Path.of(args[0]), false).pid();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            starter.start();
            starter.join(); // the thread that asked for the tracer is gone before the harness is killed
            System.out.println(pid[0]);
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    @Test
    void aTracerDiesWithAHarnessKilledBySigkill() throws Exception {
        Requirements.require(HarnessBound.diesWithHarness(),
                "setpriv --pdeathsig is missing here (util-linux 2.33 or later has it).");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process harness = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Harness.class.getName(),
                tmp.resolve("err").toString()).redirectErrorStream(true).start();
        long tracer;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            tracer = Long.parseLong(line.trim());
            ProcessHandle h = ProcessHandle.of(tracer).orElseThrow();
            // setpriv execs the tracer itself (same pid): wait for that exec, then it must still be running
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String command = "?";
            while (System.nanoTime() < until && !(command = Path.of(h.info().command().orElse("?")).getFileName().toString())
                    .equals("sleep")) {
                Thread.sleep(10);
            }
            assertEquals("sleep", command, "setpriv exec'd the tracer itself: same pid");
            Thread.sleep(200);
            assertTrue(h.isAlive(), "the tracer runs while its harness does, after the starting thread ended");
            harness.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } finally {
            harness.destroyForcibly();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(tracer).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) Thread.sleep(20);
        boolean alive = ProcessHandle.of(tracer).map(ProcessHandle::isAlive).orElse(false);
        if (alive) ProcessHandle.of(tracer).ifPresent(ProcessHandle::destroyForcibly);
        assertFalse(alive, "the tracer was killed with its harness");
    }

    @Test
    void orphansAreProcessesWhoseMarkerNamesAHarnessThatIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process orphan = marked(gone.pid());
        Process owned = marked(ProcessHandle.current().pid());
        try {
            List<Long> found = HarnessBound.orphans();
            assertTrue(found.contains(orphan.pid()), "its harness " + gone.pid() + " is gone: " + found);
            assertFalse(found.contains(owned.pid()), "its harness (this JVM) is alive");
        } finally {
            orphan.destroyForcibly().waitFor();
            owned.destroyForcibly().waitFor();
        }
    }

    private static Process marked(long harnessPid) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        pb.environment().put(HarnessBound.MARKER, Long.toString(harnessPid));
        Process p = pb.start();
        // the environment is readable once exec has replaced the forked JVM image
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!p.info().command().map(c -> c.endsWith("sleep")).orElse(false) && System.nanoTime() < end) Thread.sleep(10);
        return p;
    }
}
