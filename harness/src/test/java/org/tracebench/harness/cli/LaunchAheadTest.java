package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.trial.TracedTarget;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.testing.Requirements;

/** A load a launching tracer started ahead and that the suite then abandons (Ctrl-C, a skipped trial) leaves nothing. */
class LaunchAheadTest {
    @Test
    void anAbandonedLaunchRemovesTracerTargetAndCgroup(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Tracer t = TestTracers.named("strace-seccomp");
        Requirements.requireAvailable(t);
        List<Long> before = NoLeftovers.descendants();
        TracedTarget.Started s = TracedTarget.Started.launch(List.of("sleep", "60"), (Tracer.Launching) t, Map.of(),
                Files.createDirectories(tmp.resolve("tracer")), "test-ahead", java.time.Duration.ofSeconds(5));
        List<Long> started = NoLeftovers.descendants().stream().filter(p -> !before.contains(p)).toList();
        assertTrue(!started.isEmpty(), "strace runs");
        Path cgroup = org.tracebench.tracers.sys.Cgroups.v2Root()
                .map(r -> r.resolve(org.tracebench.tracers.sys.Cgroups.PREFIX + ProcessHandle.current().pid() + "-test-ahead"))
                .orElse(null);
        if (cgroup != null) assertTrue(Files.isDirectory(cgroup), cgroup + " exists while the load boots");
        waitForChild(started.get(0)); // strace has started sleep under itself
        List<Long> all = NoLeftovers.descendants().stream().filter(p -> !before.contains(p)).toList();
        assertTrue(all.size() >= 2, "strace and its target: " + all);
        s.close();
        NoLeftovers.assertNone(ProcessHandle.current().pid(), all);
    }

    private static void waitForChild(long pid) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (ProcessHandle.of(pid).map(h -> h.children().findAny().isPresent()).orElse(false)) return;
            Thread.sleep(10);
        }
    }
}
