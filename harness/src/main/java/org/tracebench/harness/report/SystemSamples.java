package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trial's system.csv (columns in docs/design.md) as rows of column → value; unparsable cells are NaN. */
public record SystemSamples(List<Map<String, Double>> rows) {

    /** Reads {@code trialDir/system.csv}; no rows when absent. A truncated last line is dropped. */
    public static SystemSamples read(Path trialDir) {
        Path f = trialDir.resolve("system.csv");
        List<Map<String, Double>> rows = new ArrayList<>();
        if (!Files.isRegularFile(f)) return new SystemSamples(rows);
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new SystemSamples(rows);
        }
        if (lines.isEmpty()) return new SystemSamples(rows);
        String[] header = lines.get(0).trim().split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split(",");
            if (cells.length != header.length) continue;
            Map<String, Double> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                double v;
                try {
                    v = Double.parseDouble(cells[i]);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                row.put(header[i].trim(), v);
            }
            rows.add(row);
        }
        return new SystemSamples(rows);
    }

    /**
     * These samples without the rows that cover less than half the median interval (the last sample, taken when
     * the window closes, is often a few tens of ms): the kernel counts CPU time in ticks (4-10 ms), so such a
     * row's rates are a few ticks divided by little time, and plotted they drew a spike to 1.5-1.8 cores at the
     * end of every trial. The window's means come from cumulative counters and are not affected.
     */
    public SystemSamples withoutShortIntervals() {
        double[] t = column("t_ms");
        if (t.length < 3) return this;
        double[] dt = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) dt[i - 1] = t[i] - t[i - 1];
        double[] sorted = dt.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        List<Map<String, Double>> kept = new ArrayList<>();
        kept.add(rows.get(0));
        for (int i = 1; i < t.length; i++) if (!(dt[i - 1] < median / 2)) kept.add(rows.get(i));
        return new SystemSamples(kept);
    }

    /** Column values in row order (NaN where absent). */
    public double[] column(String name) {
        return rows.stream().mapToDouble(r -> r.getOrDefault(name, Double.NaN)).toArray();
    }

    /** system.csv's column of the machine's busy cores as trial.json's cpuCores.system counts them (wall time). */
    public static final String MACHINE_BUSY = "machine_busy_cores";

    /** The /proc/stat states system.csv splits the machine's CPU into, each a share of the interval's clock ticks. */
    private static final String[] TICK_STATES = {"cpu_user", "cpu_nice", "cpu_system", "cpu_idle", "cpu_iowait",
        "cpu_irq", "cpu_softirq", "cpu_steal"};

    /** True when every row has {@link #MACHINE_BUSY} (system.csv written since it was added). */
    public boolean hasMachineBusy() {
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.get(MACHINE_BUSY) != null && !r.get(MACHINE_BUSY).isNaN());
    }

    /**
     * Busy cores of the whole machine per row, the quantity of trial.json's cpuCores.system and report.md's "machine
     * busy": wall time less idle, iowait and steal. From {@link #MACHINE_BUSY} where {@link #hasMachineBusy}; in an
     * older system.csv, the cores (the cpu_* columns' sum) less the idle, iowait and steal tick shares, which keeps
     * steal out too but under-reads a bursty load as the ticks do (docs/design.md).
     */
    public double[] systemBusyCores() {
        if (hasMachineBusy()) return column(MACHINE_BUSY);
        return rows.stream().mapToDouble(r -> {
            double cores = 0, notBusy = 0;
            for (String c : TICK_STATES) {
                Double v = r.get(c);
                if (v == null || v.isNaN()) continue;
                cores += v;
                if (c.equals("cpu_idle") || c.equals("cpu_iowait") || c.equals("cpu_steal")) notBusy += v;
            }
            return Math.max(0, cores - notBusy);
        }).toArray();
    }
}
