package org.tracebench.tracers.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping real processes: the SIGINT a tracer expects, SIGTERM for one that ignores SIGINT. */
class TracerProcessTest {
    @Test
    void aProcessThatHandlesSigintGetsSigint(@TempDir Path tmp) throws Exception {
        TracerProcess p = TracerProcess.start(
                org.tracebench.tracers.testing.Sigint.defaulted(List.of("sh", "-c", "trap 'exit 7' INT; while :; do sleep 0.05; done")),
                Map.of(), tmp.resolve("out"), tmp.resolve("err"), false);
        awaitHandlerInstalled(p);
        assertFalse(TracerProcess.ignoresSigint(p.pids().get(0)));
        assertEquals(7, p.stop(Duration.ofSeconds(30)), "the INT trap ran");
    }

    @Test
    void aProcessStartedWithSigintIgnoredGetsSigtermNotTheWholeGrace(@TempDir Path tmp) throws Exception {
        // as from a shell's background job: SIGINT ignored, inherited across exec (cat on trace_pipe, for ftrace)
        TracerProcess p = TracerProcess.start(List.of("sh", "-c", "trap '' INT; exec sleep 600"),
                Map.of(), tmp.resolve("out"), tmp.resolve("err"), false);
        long pid = p.pids().get(0);
        long end = System.currentTimeMillis() + 10_000;
        while (!ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("sleep")).orElse(false)) {
            assertTrue(System.currentTimeMillis() < end, "sleep never started");
            Thread.sleep(10);
        }
        assertTrue(TracerProcess.ignoresSigint(pid));
        // SIGKILL after the grace would give -1; SIGTERM ends sleep with 128 + 15
        assertEquals(143, p.stop(Duration.ofSeconds(60)));
    }

    /** Until the shell's INT trap is installed ({@code SigCgt} in /proc/PID/status): before, SIGINT would kill it. */
    private static void awaitHandlerInstalled(TracerProcess p) throws Exception {
        Path status = Path.of("/proc/" + p.pids().get(0) + "/status");
        long end = System.currentTimeMillis() + 10_000;
        while (true) {
            for (String line : java.nio.file.Files.readAllLines(status)) {
                if (line.startsWith("SigCgt:") && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2L) != 0) return;
            }
            assertTrue(System.currentTimeMillis() < end, "the INT trap was never installed");
            Thread.sleep(10);
        }
    }
}
