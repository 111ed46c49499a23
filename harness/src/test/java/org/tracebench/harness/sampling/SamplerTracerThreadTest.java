package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.sys.Cgroups.CpuTime;

/** A thread of this JVM named as the tracer's (ftrace's reader: java) counts as tracer CPU, not harness CPU. */
class SamplerTracerThreadTest {
    @TempDir Path dir;

    @Test void aHarnessThreadDoingTheTracersWorkIsTracerCpu() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        AtomicLong tid = new AtomicLong();
        Sampler s = new Sampler(machine, 100, dir.resolve("system.csv"), self, () -> CpuTime.UNKNOWN, List::of);
        s.countAsTracer(() -> tid.get() == 0 ? List.of() : List.of(tid.get()));
        s.start();
        Thread busy = new Thread(() -> {
            tid.set(Long.parseLong(readTid()));
            var bean = ManagementFactory.getThreadMXBean();
            long x = 0;
            while (bean.getCurrentThreadCpuTime() < 400_000_000L) x += System.nanoTime() & 1; // 400 ms of CPU
            if (x == 42) System.out.print("");
        }, "tracer-reader");
        busy.start();
        busy.join();
        Thread.sleep(250); // a sample after the thread's end: its last reading stays counted
        CpuSummary cpu = s.stop();
        double tracerMs = cpu.tracerCores() * cpu.windowSeconds() * 1000;
        assertTrue(tracerMs >= 300, "the thread's 400 ms of CPU are the tracer's: " + cpu);
        double harnessMs = cpu.harnessCores() * cpu.windowSeconds() * 1000;
        assertTrue(harnessMs < tracerMs / 2, "nor the harness's too (" + harnessMs + " ms): " + cpu);
    }

    private static String readTid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
