package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row of system.csv has a CPU split that sums to the cores, including the last one taken at stop. */
class SamplerStopTest {
    @TempDir Path dir;

    @Test void aStopWithinOneClockTickOfTheLastSampleWritesNoEmptyRow() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        for (int i = 0; i < 20; i++) {
            Path csv = dir.resolve("s" + i + ".csv");
            // a long interval: the only sample after start() is stop()'s own, usually within the same clock tick
            Sampler s = new Sampler(machine, 60_000, csv, self, () -> org.tracebench.tracers.sys.Cgroups.CpuTime.UNKNOWN, List::of);
            s.start();
            CpuSummary summary = s.stop();
            List<String> lines = Files.readAllLines(csv);
            assertEquals(Sampler.HEADER, lines.get(0));
            for (String row : lines.subList(1, lines.size())) {
                String[] f = row.split(",");
                double cores = 0;
                for (int c = 1; c <= 8; c++) cores += Double.parseDouble(f[c]);
                assertEquals(machine.cores(), cores, 0.01, "the CPU split sums to the cores: " + row);
            }
            assertEquals(lines.size() - 1, summary.samples(), "the summary counts the rows written");
        }
    }

    @Test void aStopSoonAfterTheLastSampleWritesNoRowOfAFewMillisecondsButEndsTheSummary() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        Path csv = dir.resolve("short.csv");
        Sampler s = new Sampler(machine, 60_000, csv, self, () -> org.tracebench.tracers.sys.Cgroups.CpuTime.UNKNOWN, List::of);
        s.start();
        Thread.sleep(50); // /proc/stat moves by a few ticks: such a row once read "2.0000 cores of user time"
        CpuSummary summary = s.stop();
        assertEquals(List.of(Sampler.HEADER), Files.readAllLines(csv), "no row for a stop a few ms after a sample");
        assertEquals(0, summary.samples());
        assertTrue(summary.windowSeconds() >= 0.05, "the last sample still ends the summary: " + summary);
    }
}
