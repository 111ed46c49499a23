package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary covers the measured window only; system.csv keeps the warm-up's rows. */
class SamplerWindowTest {
    @TempDir Path dir;

    @Test
    void cpuSpentInTheWarmUpIsInTheRowsButNotInTheSummary() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        Path csv = dir.resolve("system.csv");
        // this JVM plays the load generator and the tracer: busy through the warm-up, idle in the window
        Sampler s = new Sampler(machine, 100, csv, self, () -> org.tracebench.tracers.sys.Cgroups.CpuTime.UNKNOWN, () -> List.of(self));
        long warmupMillis = 600;
        s.start(warmupMillis);
        long end = System.nanoTime() + (warmupMillis - 50) * 1_000_000L;
        long spins = 0;
        while (System.nanoTime() < end) spins++;
        Thread.sleep(warmupMillis + 50);
        CpuSummary summary = s.stop();

        assertTrue(spins > 0);
        assertEquals(warmupMillis / 1000.0, summary.windowSeconds(), 0.15, "the window is what follows the warm-up");
        assertTrue(summary.loadCores() < 0.35, "the idle window, not the busy warm-up: " + summary);
        assertTrue(summary.tracerCores() < 0.35, "the tracer's CPU from the window's start too: " + summary);
        List<String> rows = Files.readAllLines(csv);
        int loadColumn = List.of(Sampler.HEADER.split(",")).indexOf("load_cpu_cores");
        double busiest = rows.subList(1, rows.size()).stream()
                .mapToDouble(r -> Double.parseDouble(r.split(",")[loadColumn])).max().orElse(0);
        assertTrue(busiest > 0.6, "system.csv still shows the busy warm-up: " + rows);
        assertEquals(rows.size() - 1, summary.samples());
    }

    @Test
    void withoutAWarmUpTheSummaryCoversEverything() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        Sampler s = new Sampler(machine, 100, dir.resolve("all.csv"), self, () -> org.tracebench.tracers.sys.Cgroups.CpuTime.UNKNOWN, () -> List.of(self));
        s.start(0);
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) Thread.onSpinWait();
        Thread.sleep(300);
        CpuSummary summary = s.stop();
        assertEquals(0.6, summary.windowSeconds(), 0.15);
        assertTrue(summary.loadCores() > 0.3, "half busy over the whole run: " + summary);
    }
}
