package org.tracebench.loadgen.result;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.tracebench.loadgen.json.Json;
import org.tracebench.loadgen.op.OpKind;

/** Writes a {@link LoadResult} as JSON plus its HdrHistogram log beside it, each via a temporary file and a rename. */
public final class ResultWriter {
    private ResultWriter() {}

    /** {@code result.json} → {@code result.hlog}; any other name gets {@code .hlog} appended. */
    public static Path histogramLogPath(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".hlog");
    }

    /** Writes the .hlog, then the JSON (so a reader that sees the JSON also finds the log). Returns the JSON path. */
    public static Path write(LoadResult result, Path json) throws IOException {
        return write(result, json, true);
    }

    /**
     * {@link #write(LoadResult, Path)}; without {@code makeParent} the JSON's directory must exist (a harness's trial
     * directory: one removed under the run is not recreated).
     */
    public static Path write(LoadResult result, Path json, boolean makeParent) throws IOException {
        Path abs = json.toAbsolutePath().normalize();
        if (makeParent && abs.getParent() != null) Files.createDirectories(abs.getParent());
        Path hlog = histogramLogPath(abs);
        atomically(hlog, out -> writeHlog(result, out));
        String text = Json.write(result.toJson(hlog.toString())) + "\n";
        atomically(abs, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return abs;
    }

    /** One interval histogram per op kind, tagged with the op's YAML name, values in nanoseconds. */
    static void writeHlog(LoadResult result, OutputStream out) {
        PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
        HistogramLogWriter w = new HistogramLogWriter(ps);
        long startMs = result.startedAt().toEpochMilli();
        w.outputComment("tracebench load: one interval histogram per op kind, tag = op name, values in ns");
        w.outputLogFormatVersion();
        w.outputStartTime(startMs);
        w.setBaseTime(startMs);
        w.outputLegend();
        long endMs = startMs + Math.round((result.warmupSeconds() + result.durationSeconds()) * 1000);
        for (OpKind k : OpKind.values()) {
            Histogram h = result.histograms().get(k);
            if (h == null) continue;
            Histogram copy = h.copy();
            copy.setTag(k.yamlName());
            copy.setStartTimeStamp(startMs + Math.round(result.warmupSeconds() * 1000));
            copy.setEndTimeStamp(endMs);
            w.outputIntervalHistogram(copy);
        }
        ps.flush();
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    static void atomically(Path target, Body body) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            try { // createTempFile makes the file owner-only; results are shared as the harness's are (AtomicFiles)
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
