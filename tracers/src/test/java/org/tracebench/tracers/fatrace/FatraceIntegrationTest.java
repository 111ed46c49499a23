package org.tracebench.tracers.fatrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.tracers.testing.TracerContract.GRACE;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.testing.Fixtures;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;
import org.tracebench.tracers.testing.TracerContract;

/** fatrace against a real target JVM (root, fatrace installed); other processes run all the time on this machine. */
class FatraceIntegrationTest {

    @Test
    void keepsOnlyTheTargetsEventsAndItsPromisedOps(@TempDir Path tmp) throws Exception {
        FatraceTracer fatrace = new FatraceTracer();
        Requirements.requireAvailable(fatrace);
        Path dir = Files.createDirectories(tmp.resolve("ops"));
        List<Long> tracerPids;
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = fatrace.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
            tracerPids = s.pids();
            Process other = TracerContract.startOtherProcess(dir);
            long child = target.runKnownOps(dir);
            other.waitFor();
            s.addTargetPids(List.of(child)); // as the harness does with the load generator's groundTruth.childPids
            TraceOutcome o = s.stop(GRACE);
            assertFalse(o.diedEarly(), "stderr: " + o.stderrTail());
            assertEquals(0, o.exitCode(), "fatrace exits 0 on SIGINT");
            assertEquals(-1, o.lostEvents(), "fatrace cannot tell a queue overflow: lost events are unknown, not 0");
            assertFalse(fatrace.capabilities().reportsLostEvents());
            List<TraceEvent> events = TracerContract.events(s);
            TracerContract.assertKnownOps(fatrace.capabilities(), events, dir, child);
            TracerContract.assertNothingOf(other, dir, events);
            assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.RENAME && dir.toString().equals(e.path())),
                    "the rename shows as a move event on the directory");
            assertTrue(((FatraceSession) s).otherProcessEvents() > 0, "system-wide: the other process was seen, then dropped");
            assertEquals(0, ((FatraceSession) s).unparsedLines());
        }
        TracerContract.assertGone(tracerPids);
    }

    @Test
    void followsTheTargetsCgroup(@TempDir Path tmp) throws Exception {
        FatraceTracer fatrace = new FatraceTracer();
        Requirements.requireAvailable(fatrace);
        Requirements.require(Cgroups.v2Root().isPresent(), "cgroup v2 is not mounted on this machine.");
        Path dir = Files.createDirectories(tmp.resolve("ops"));
        try (TargetHandle target = TargetHandle.start(); Cgroups.Cgroup cg = Cgroups.create("test-fatrace")) {
            cg.addProcess(target.pid());
            try (TraceSession s = fatrace.attach(new Target(target.pid(), Optional.of(cg.dir())), tmp.resolve("work"), Map.of())) {
                Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
                // a process started in the target's cgroup by someone else still belongs to the trial
                Process sibling = new ProcessBuilder("sh", "-c", "echo $$ > " + cg.dir().resolve("cgroup.procs")
                        + " && sleep 0.3 && echo x > " + dir.resolve("sibling.txt")).start();
                assertEquals(0, sibling.waitFor());
                s.stop(GRACE);
                List<TraceEvent> events = TracerContract.events(s);
                assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.WRITE && dir.resolve("sibling.txt").toString().equals(e.path())),
                        "a cgroup member's write is kept");
            }
        }
    }

    @Test
    void killedFatraceIsReported(@TempDir Path tmp) throws Exception {
        FatraceTracer fatrace = new FatraceTracer();
        Requirements.requireAvailable(fatrace);
        List<Long> tracerPids;
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = fatrace.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
            tracerPids = s.pids();
            TracerContract.killTracer(s);
            TracerContract.assertKilledOutcome(s.stop(GRACE));
            assertTrue(TracerContract.events(s).stream().anyMatch(e -> sentinel.toString().equals(e.path())),
                    "what fatrace wrote before it died is still parsed");
        }
        TracerContract.assertGone(tracerPids);
    }

    @Test
    void theOpenByHandleFloodIsCountedNotEchoed(@TempDir Path tmp) throws Exception {
        Path err = tmp.resolve("fatrace-stderr.txt");
        Files.writeString(err, "fatrace: something else went wrong\n" + Fixtures.text("fatrace-stderr.txt"));
        assertEquals(50, FatraceSession.countUnresolved(err));
        List<String> tail = FatraceSession.tailWithoutFlood(err, 20);
        assertEquals(List.of("fatrace: something else went wrong",
                "(50 lines 'open_by_handle_at: Cannot allocate memory', each an event printed as '(deleted)', not shown)"),
                tail);
    }

    @Test
    void aQueueOverflowIsNamedWithItsFix(@TempDir Path tmp) throws Exception {
        Path err = tmp.resolve("fatrace-stderr.txt");
        // fatrace 0.17's stderr when a readstat load with 8 workers overflowed its queue (captured here)
        Files.writeString(err, Fixtures.text("fatrace-stderr.txt") + Fixtures.text("fatrace-overflow-stderr.txt"));
        String cause = FatraceSession.overflowCause(err, 16384);
        assertTrue(cause != null && cause.contains("fanotify queue overflowed") && cause.contains("16384")
                && cause.contains("fewer workers"), cause);
        Files.writeString(err, Fixtures.text("fatrace-stderr.txt"));
        assertNull(FatraceSession.overflowCause(err, 16384), "open_by_handle_at failures are no overflow");
    }
}
