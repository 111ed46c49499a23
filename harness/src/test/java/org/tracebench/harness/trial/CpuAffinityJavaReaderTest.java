package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.suite.Pinning;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.ftrace.FtraceTracer;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;

/** Real ftrace with {@code reader: java}: its reader thread, in this JVM, is pinned where the tracer goes, and only it. */
class CpuAffinityJavaReaderTest {
    @TempDir Path tmp;

    @Test void theJavaReaderThreadIsPinnedAsTheTracerAndNoOtherThreadOfTheHarnessIs() throws Exception {
        FtraceTracer ftrace = new FtraceTracer();
        Requirements.requireAvailable(ftrace);
        List<Integer> allowed = CpuAffinity.allowedCpus();
        Requirements.require(allowed.size() >= 2, "telling CPUs apart needs two; this process may use " + allowed);
        Map<String, List<Integer>> before = ownThreads();
        long reader;
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = ftrace.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"),
                     Map.of("reader", "java"))) {
            Path sentinel = tmp.resolve("sentinel");
            s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(30));
            assertEquals(List.of(), s.pids(), "the java reader has no process of its own");
            reader = s.harnessThreads().get(0);
            String last = String.valueOf(allowed.get(allowed.size() - 1));

            Map<String, Object> same = CpuAffinity.apply(Pinning.SAME_CPU, target.pid(), s);
            assertEquals(last, same.get("loadCpus"));
            assertEquals(last, same.get("tracerCpus"), "the reader's CPU is the tracer's: " + same);
            assertEquals(List.of(allowed.get(allowed.size() - 1)), CpuAffinity.cpusOfOwnThread(reader));

            Map<String, Object> apart = CpuAffinity.apply(Pinning.SEPARATE_CPUS, target.pid(), s);
            assertEquals(String.valueOf(allowed.get(0)), apart.get("tracerCpus"), apart.toString());
            assertEquals(List.of(allowed.get(0)), CpuAffinity.cpusOfOwnThread(reader));

            ownThreads().forEach((tid, cpus) -> {
                if (tid.equals(String.valueOf(reader))) return;
                assertEquals(allowed, cpus, "thread " + tid + " of the harness was pinned too");
            });
            assertEquals(allowed, CpuAffinity.allowedCpus(), "the harness itself stays unpinned");
            s.stop(Duration.ofSeconds(5));
        }
        assertFalse(Files.exists(Path.of("/proc/self/task/" + reader)), "the pinned reader ends with its session");
        before.keySet().forEach(tid -> {
            List<Integer> now = ownThreads().get(tid);
            if (now != null) assertEquals(allowed, now, "thread " + tid + " of the harness after the session");
        });
    }

    /** Thread id → Cpus_allowed_list of every thread of this JVM. */
    private static Map<String, List<Integer>> ownThreads() {
        Map<String, List<Integer>> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) s::iterator) {
                List<Integer> cpus = CpuAffinity.cpusOfOwnThread(Long.parseLong(t.getFileName().toString()));
                if (!cpus.isEmpty()) m.put(t.getFileName().toString(), cpus);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }
}
