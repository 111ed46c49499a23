package org.tracebench.tracers.none;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.testing.TargetHandle;

class NoneTracerTest {

    @Test
    void isReadyAtOnceSeesNothingAndLeavesNothing(@TempDir Path tmp) throws Exception {
        NoneTracer none = new NoneTracer();
        assertTrue(none.availability().available());
        assertTrue(none.capabilities().withPath().isEmpty() && none.capabilities().countOnly().isEmpty());
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = none.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            AtomicInteger pokes = new AtomicInteger();
            s.awaitReady(new Sentinel(tmp.resolve("s"), pokes::incrementAndGet), Duration.ofMillis(1));
            assertEquals(0, pokes.get(), "nothing to prove: the sentinel is not even poked");
            assertTrue(s.pids().isEmpty());
            assertTrue(s.alive());
            target.runKnownOps(Files.createDirectories(tmp.resolve("ops")));
            TraceOutcome o = s.stop(Duration.ofSeconds(1));
            assertFalse(o.diedEarly());
            assertEquals(0, o.lostEvents());
            assertTrue(o.outputFiles().isEmpty());
            List<TraceEvent> events = new ArrayList<>();
            s.events(events::add);
            assertTrue(events.isEmpty());
            assertFalse(s.alive());
        }
        assertFalse(Files.exists(tmp.resolve("work")), "the baseline writes nothing");
    }
}
