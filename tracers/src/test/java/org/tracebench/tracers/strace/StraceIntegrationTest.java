package org.tracebench.tracers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.tracers.testing.TracerContract.GRACE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;
import org.tracebench.tracers.testing.TracerContract;

/** The strace backends against a real target JVM (root, strace installed). */
class StraceIntegrationTest {

    @Test
    void attachedStraceSeesTheKnownOpsOfTargetAndChildOnly(@TempDir Path tmp) throws Exception {
        Tracer.Attaching strace = new StraceTracer();
        Requirements.requireAvailable(strace);
        Path dir = Files.createDirectories(tmp.resolve("ops"));
        List<Long> tracerPids;
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = strace.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
            tracerPids = s.pids();
            Process other = TracerContract.startOtherProcess(dir);
            long child = target.runKnownOps(dir);
            other.waitFor();
            assertTrue(s.alive());
            TraceOutcome o = s.stop(GRACE);
            assertFalse(o.diedEarly());
            assertEquals(130, o.exitCode(), "strace detaches, then dies of the SIGINT it got (128 + 2): " + o.stderrTail());
            assertEquals(0, o.lostEvents());
            assertTrue(o.outputBytes() > 0);
            List<TraceEvent> events = TracerContract.events(s);
            TracerContract.assertKnownOps(strace.capabilities(), events, dir, child);
            TracerContract.assertNothingOf(other, dir, events);
            assertTrue(events.stream().anyMatch(e -> sentinel.toString().equals(e.path())));
            assertEquals(0, ((StraceSession) s).unparsedLines(), "unparsed: " + ((StraceSession) s).unparsedSamples());
            target.sentinel(tmp.resolve("after-detach")); // the target still works after strace detached
        }
        TracerContract.assertGone(tracerPids);
    }

    @Test
    void attachFailuresAreSentencesNamingTheProblem(@TempDir Path tmp) throws Exception {
        Tracer.Attaching strace = new StraceTracer();
        Requirements.requireAvailable(strace);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        TracerException e = assertThrows(TracerException.class,
                () -> strace.attach(new Target(gone.pid(), Optional.empty()), tmp, Map.of()));
        assertEquals("The target process " + gone.pid() + " is not running.", e.getMessage());
        try (TargetHandle target = TargetHandle.start()) {
            e = assertThrows(TracerException.class, () -> strace.attach(new Target(target.pid(), Optional.empty()), tmp,
                    Map.of(StraceCommand.OPT_STRSIZE, "lots")));
            assertTrue(e.getMessage().startsWith("The strace option strsize must be a number of bytes"), e.getMessage());
        }
    }

    @Test
    void killedStraceIsReportedAndTheTargetSurvives(@TempDir Path tmp) throws Exception {
        Tracer.Attaching strace = new StraceTracer();
        Requirements.requireAvailable(strace);
        List<Long> tracerPids;
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = strace.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
            tracerPids = s.pids();
            TracerContract.killTracer(s);
            TracerContract.assertKilledOutcome(s.stop(GRACE));
            target.runKnownOps(Files.createDirectories(tmp.resolve("ops"))); // ptrace detached with the tracer's death
        }
        TracerContract.assertGone(tracerPids);
    }

    @Test
    void seccompStraceLaunchesTheTargetAndSeesItsKnownOps(@TempDir Path tmp) throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        Path dir = Files.createDirectories(tmp.resolve("ops"));
        List<Long> tracerPids;
        long targetPid;
        try (Tracer.LaunchedSession s = strace.launch(TargetHandle.command(), tmp.resolve("work"), Map.of())) {
            TraceOutcome o;
            List<TraceEvent> events;
            long child;
            Process other;
            try (TargetHandle target = TargetHandle.of(s.targetProcess())) {
                targetPid = target.pid();
                assertTrue(s.targetProcess().pid() != targetPid, "the target runs as strace's child");
                Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
                tracerPids = s.pids();
                // the tracer's own processes: strace, not the target it launched (the load, sampled as the load)
                assertEquals(s.targetProcess().pid(), tracerPids.get(0), "strace first: " + tracerPids);
                assertFalse(tracerPids.contains(targetPid), "the target is not one of the tracer's pids: " + tracerPids);
                other = TracerContract.startOtherProcess(dir);
                child = target.runKnownOps(dir);
                other.waitFor();
            } // EXIT: the target ends, and strace with it
            o = s.stop(GRACE);
            assertFalse(o.diedEarly(), "strace ending with its target is not dying early: " + o.stderrTail());
            assertEquals(0, o.exitCode(), "strace exits with the target's status");
            events = TracerContract.events(s);
            TracerContract.assertKnownOps(strace.capabilities(), events, dir, child);
            TracerContract.assertNothingOf(other, dir, events);
            assertTrue(events.stream().anyMatch(e -> e.pid() == targetPid || e.pid() > targetPid));
        }
        TracerContract.assertGone(tracerPids);
        TracerContract.assertGone(List.of(targetPid));
    }

    @Test
    void stoppingSeccompStraceWhileItsTargetRunsEndsBoth(@TempDir Path tmp) throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        List<Long> tracerPids;
        long targetPid;
        try (Tracer.LaunchedSession s = strace.launch(TargetHandle.command(), tmp.resolve("work"), Map.of())) {
            TargetHandle target = TargetHandle.of(s.targetProcess());
            targetPid = target.pid();
            Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
            tracerPids = s.pids();
            TraceOutcome o = s.stop(GRACE);
            assertFalse(o.diedEarly(), "a requested stop is not an early death");
            assertEquals(143, o.exitCode(), "strace mirrors its SIGTERMed target (128 + 15), not a SIGKILL after the grace");
            TracerContract.assertGone(tracerPids);
            TracerContract.assertGone(List.of(targetPid));
        }
    }

    @Test
    void killedSeccompStraceIsReportedAndItsTargetCleanedUp(@TempDir Path tmp) throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        List<Long> tracerPids;
        long targetPid;
        try (Tracer.LaunchedSession s = strace.launch(TargetHandle.command(), tmp.resolve("work"), Map.of())) {
            TargetHandle target = TargetHandle.of(s.targetProcess());
            targetPid = target.pid();
            Path sentinel = TracerContract.awaitSentinel(s, target, tmp);
            tracerPids = s.pids();
            TracerContract.killTracer(s);
            TracerContract.assertKilledOutcome(s.stop(GRACE));
        } // close() ends the orphaned target too
        TracerContract.assertGone(tracerPids);
        TracerContract.assertGone(List.of(targetPid));
    }

    @Test
    void seccompStraceFollowingItsKilledTargetDidNotDieEarly(@TempDir Path tmp) throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        try (Tracer.LaunchedSession s = strace.launch(TargetHandle.command(), tmp.resolve("work"), Map.of())) {
            TargetHandle target = TargetHandle.of(s.targetProcess());
            TracerContract.awaitSentinel(s, target, tmp);
            ProcessHandle.of(target.pid()).ifPresent(ProcessHandle::destroyForcibly);
            s.targetProcess().waitFor(); // strace mirrors its target's death: 137 too
            TraceOutcome o = s.stop(GRACE);
            assertEquals(137, o.exitCode());
            assertFalse(o.diedEarly(), "strace ended after its SIGKILLed target: the target failed, not the tracer");
        }
    }

    /** strace escapes these bytes in what it prints ("r\303\251s\"u\\l\tts"); readiness must still see the sentinel. */
    @Test
    void sentinelUnderADirectoryWithNonAsciiQuoteBackslashAndTabIsSeen(@TempDir Path tmp) throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        Path odd = Files.createDirectories(tmp.resolve("r\u00e9s\"u\\l\tts \u2264"));
        try (Tracer.LaunchedSession s = strace.launch(TargetHandle.command(), odd.resolve("work"), Map.of());
             TargetHandle target = TargetHandle.of(s.targetProcess())) {
            Path sentinel = TracerContract.awaitSentinel(s, target, odd);
            s.stop(GRACE);
            assertTrue(TracerContract.events(s).stream().anyMatch(e -> sentinel.toString().equals(e.path())));
        }
    }
}
