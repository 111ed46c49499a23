package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.strace.StraceSeccompTracer;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;

/** When the load's protocol breaks under a launching tracer, the one that died first is blamed (root, strace). */
class TracerBlameTest {
    @TempDir Path tmp;

    private TracedTarget start(StraceSeccompTracer strace) throws Exception {
        return TracedTarget.start(TargetHandle.command(), tmp.resolve("load-stderr.txt"), strace, Map.of(),
                Files.createDirectories(tmp.resolve("tracer")), tmp.resolve(".sentinel"), "test-blame",
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    @Test
    void aKilledLaunchingTracerIsBlamedNotTheLoadItTookDown() throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        try (TracedTarget t = start(strace)) {
            t.session().pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            t.process().process().waitFor();
            assertThrows(IOException.class, () -> t.process().awaitWindowEnd(Duration.ofSeconds(3), () -> false));
            assertEquals(Optional.of("The tracer strace-seccomp was killed by SIGKILL (exit code 137) during the trial, "
                    + "and the load generator it had launched ended with it."), t.tracerDeath("strace-seccomp"));
        }
    }

    @Test
    void aKilledLoadIsBlamedNotTheLaunchingTracerThatFollowedIt() throws Exception {
        StraceSeccompTracer strace = new StraceSeccompTracer();
        Requirements.requireAvailable(strace);
        try (TracedTarget t = start(strace)) {
            ProcessHandle.of(t.process().pid()).ifPresent(ProcessHandle::destroyForcibly);
            IOException e = assertThrows(IOException.class, () -> t.process().awaitWindowEnd(Duration.ofSeconds(30), () -> false));
            assertEquals("The load generator was killed by SIGKILL before END (exit code 137).", e.getMessage());
            assertEquals(Optional.empty(), t.tracerDeath("strace-seccomp"));
        }
    }
}
