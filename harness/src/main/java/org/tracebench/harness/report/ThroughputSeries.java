package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trial's throughput per second of its measured window, from load.json's {@code timeSeries} (successful operations
 * of every kind per second). {@code midSeconds} is each bin's middle, from the window's start; the last bin, cut short
 * when the window is not a whole number of seconds (or ended early), is divided by its own length, and dropped when
 * shorter than 0.2 s.
 */
public record ThroughputSeries(double[] midSeconds, double[] opsPerSecond) {
    /** Shorter last bins are dropped: a handful of operations would make a spike or a dip of nothing. */
    static final double MIN_BIN_SECONDS = 0.2;

    /** Reads {@code trialDir/load.json}; empty when absent, unreadable or without a time series. */
    public static ThroughputSeries read(Path trialDir) {
        Path f = trialDir.resolve("load.json");
        if (!Files.isRegularFile(f)) return empty();
        Map<String, Object> load;
        try {
            load = JsonMaps.readObject(f);
        } catch (IOException e) {
            return empty();
        }
        if (!(load.get("timeSeries") instanceof List<?> series) || series.isEmpty()) return empty();
        double duration = JsonMaps.num(load, "durationSeconds");
        List<double[]> points = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            if (!(series.get(s) instanceof Map<?, ?> bin) || !(bin.get("ops") instanceof Map<?, ?> ops)) return empty();
            long n = 0;
            for (Object v : ops.values()) if (v instanceof Number num) n += num.longValue();
            double width = Double.isFinite(duration) ? Math.min(1.0, duration - s) : 1.0;
            if (width < MIN_BIN_SECONDS) break;
            points.add(new double[] {s + width / 2, n / width});
        }
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new ThroughputSeries(x, y);
    }

    /** load.json's {@code warmupSeconds} in {@code trialDir}: how long before the measured window GO came; NaN unknown. */
    public static double warmupSeconds(Path trialDir) {
        try {
            return JsonMaps.num(JsonMaps.readObject(trialDir.resolve("load.json")), "warmupSeconds");
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    public boolean isEmpty() {
        return midSeconds.length == 0;
    }

    private static ThroughputSeries empty() {
        return new ThroughputSeries(new double[0], new double[0]);
    }
}
