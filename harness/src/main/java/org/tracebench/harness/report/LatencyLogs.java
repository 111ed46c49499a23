package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads a trial's latency.hlog: the interval histograms per tag (op kind) added together, values in ns. */
public final class LatencyLogs {
    private LatencyLogs() {}

    /** Histograms by op kind, in log order; empty when the file is absent or unreadable. */
    public static Map<String, Histogram> read(Path trialDir) {
        Path f = trialDir.resolve("latency.hlog");
        Map<String, Histogram> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(f)) return out;
        try (HistogramLogReader r = new HistogramLogReader(f.toFile())) {
            EncodableHistogram e;
            while ((e = r.nextIntervalHistogram()) != null) {
                if (!(e instanceof Histogram h)) continue;
                String tag = h.getTag() == null ? "all" : h.getTag();
                Histogram acc = out.get(tag);
                if (acc == null) {
                    acc = new Histogram(h.getNumberOfSignificantValueDigits());
                    out.put(tag, acc);
                }
                acc.add(h);
            }
        } catch (IOException | RuntimeException e) {
            // A truncated log (trial killed mid-write) keeps what was read.
        }
        return out;
    }
}
