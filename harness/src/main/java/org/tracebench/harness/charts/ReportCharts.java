package org.tracebench.harness.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tracebench.harness.report.AtomicFiles;

/** Writes figures into a charts directory in the asked formats. */
public final class ReportCharts {
    private ReportCharts() {}

    /** A written figure: its name, caption and the files written (in format order). */
    public record Written(Figure figure, List<Path> files) {
        /** The file to embed in Markdown: PNG if written, else SVG, else the first. */
        public Path embeddable() {
            for (String ext : new String[] {".png", ".svg"}) {
                for (Path p : files) if (p.getFileName().toString().endsWith(ext)) return p;
            }
            return files.isEmpty() ? null : files.get(0);
        }
    }

    /** Writes each figure as {@code chartsDir/<name>.<ext>} for every format, each file atomically. */
    public static List<Written> write(List<Figure> figures, Path chartsDir, Set<ChartFormat> formats,
                                      ChartStyle style) throws IOException {
        Files.createDirectories(chartsDir);
        List<Written> out = new ArrayList<>();
        for (Figure f : figures) {
            List<Path> files = new ArrayList<>();
            for (ChartFormat fmt : ChartFormat.values()) {
                if (!formats.contains(fmt)) continue;
                Path p = chartsDir.resolve(f.name() + "." + fmt.extension());
                AtomicFiles.write(p, ChartFiles.encode(f.chart(), fmt, style.pngDpi()));
                files.add(p);
            }
            out.add(new Written(f, files));
        }
        return out;
    }
}
