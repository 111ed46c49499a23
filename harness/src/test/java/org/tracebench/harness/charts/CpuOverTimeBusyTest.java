package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;

/**
 * audit7-stats: cpu-time-*'s solid line summed the busy tick shares with steal, a different quantity from
 * cpuCores.system and report.md's "machine busy" (wall time less idle, iowait and steal). It now draws system.csv's
 * machine_busy_cores, and in results written before that column the cores less the idle, iowait and steal shares,
 * saying so in its caption.
 */
class CpuOverTimeBusyTest {
    @TempDir Path tmp;

    private static final String HEADER = "t_ms,cpu_user,cpu_nice,cpu_system,cpu_idle,cpu_iowait,cpu_irq,cpu_softirq,"
            + "cpu_steal,load_cpu_cores,load_rss_bytes,tracer_cpu_cores,tracer_rss_bytes,harness_cpu_cores,"
            + "ctx_switches,disk_read_bytes,disk_write_bytes,other_user_cores";
    // two cores: user 1.0, system 0.3, idle 0.4, iowait 0.1, steal 0.2; ticks without steal say 1.3 busy, with it 1.5
    private static final String ROW = ",1.0,0,0.3,0.4,0.1,0,0,0.2,0.9,1000,0.1,1000,0.01,100,0,0,0.0";

    /** The fixture with every trial's system.csv four such rows, each ending in {@code extra} (a machine_busy_cores). */
    private Figure cpu(String extraHeader, String extra) throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        try (var trials = Files.list(dir.resolve("trials"))) {
            for (Path t : trials.toList()) {
                StringBuilder sb = new StringBuilder(HEADER + extraHeader + "\n");
                for (int i = 1; i <= 4; i++) sb.append(i * 500).append(ROW).append(extra).append('\n');
                Files.writeString(t.resolve("system.csv"), sb.toString());
            }
        }
        return new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER).cpuOverTime("mixed", 1);
    }

    private static List<XYSeries> machineLines(Figure f) {
        return ((XYChart) f.chart()).getSeriesMap().values().stream().filter(s -> !s.getName().endsWith(" tracer")).toList();
    }

    @Test
    void theBusyLineIsSystemCsvsMachineBusyCores() throws Exception {
        Figure f = cpu(",machine_busy_cores", ",1.234");
        assertFalse(machineLines(f).isEmpty());
        for (XYSeries s : machineLines(f)) assertArrayEquals(new double[] {1.234, 1.234, 1.234, 1.234}, s.getYData(), 1e-9, s.getName());
        assertTrue(f.caption().contains("wall time less idle, iowait and steal, the CPU table's machine busy; stolen CPU"
                + " is not drawn)"), f.caption());
        assertFalse(f.caption().contains("clock-tick"), f.caption());
    }

    @Test
    void withoutTheColumnTheLineLeavesStealOutAndTheCaptionSaysItIsFromTicks() throws Exception {
        Figure f = cpu("", "");
        assertFalse(machineLines(f).isEmpty());
        for (XYSeries s : machineLines(f)) assertArrayEquals(new double[] {1.3, 1.3, 1.3, 1.3}, s.getYData(), 1e-9, s.getName());
        assertTrue(f.caption().contains("from system.csv's clock-tick shares where it has no machine_busy_cores"), f.caption());
    }
}
