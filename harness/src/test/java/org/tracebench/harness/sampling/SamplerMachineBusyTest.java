package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.sys.Cgroups.CpuTime;

/**
 * audit7-stats: cpu-time-*'s busy line summed system.csv's tick shares, steal included, while cpuCores.system is wall
 * time less idle, iowait and steal, so no reader of system.csv could reproduce it (1.672 against 1.540). Each row now
 * carries cpuCores.system's busy over its interval: averaged over the rows, it is the window's.
 */
class SamplerMachineBusyTest {
    @TempDir Path dir;

    @Test void theRowsMachineBusyAveragesToTheSummarysSystemCores() throws Exception {
        Machine machine = new Machine();
        machine.awaitWarm();
        long self = ProcessHandle.current().pid();
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while :; do i=$((i+1)); done").start();
        try {
            Path csv = dir.resolve("system.csv");
            Sampler s = new Sampler(machine, 100, csv, self, () -> CpuTime.UNKNOWN, List::of);
            s.start();
            Thread.sleep(1000);
            CpuSummary summary = s.stop();
            List<String> rows = Files.readAllLines(csv);
            List<String> header = List.of(rows.get(0).split(","));
            int busyColumn = header.indexOf("machine_busy_cores");
            assertTrue(busyColumn > 0, "system.csv has machine_busy_cores: " + rows.get(0));
            assertEquals("other_user_cores", header.get(busyColumn - 1), "added after the existing columns, none renamed");
            double previous = 0, weighted = 0;
            for (String row : rows.subList(1, rows.size())) {
                String[] cells = row.split(",");
                double t = Double.parseDouble(cells[0]), v = Double.parseDouble(cells[busyColumn]);
                assertTrue(v >= 0 && v <= machine.cores, row);
                weighted += v * (t - previous);
                previous = t;
            }
            // the rows cover the window but for a last sample within half an interval of the one before (no row)
            assertEquals(summary.systemCores(), weighted / previous, 0.1, "rows " + rows + ", summary " + summary);
            assertTrue(summary.systemCores() > 0.5, "the spinning shell is busy: " + summary);
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }
}
