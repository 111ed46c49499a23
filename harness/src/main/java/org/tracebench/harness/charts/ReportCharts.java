package org.tracebench.harness.charts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.tracebench.harness.report.AtomicFiles;

/** Writes figures into a charts directory in the asked formats, and removes the ones a report no longer draws. */
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

    /** A workload × workers group in a chart's name: FigureBuilder's and FidelityCharts' suffix, e.g. mixed-w1. */
    private static final String GROUP = "[A-Za-z0-9._-]+-w[0-9]+";

    /**
     * The chart files {@code tracebench report} owns, in any {@link ChartFormat}: the names {@link FigureBuilder},
     * FidelityCharts and MicroReport give their figures, for any workload × workers group and op kind.
     */
    public static final Pattern REPORT_CHARTS = Pattern.compile("(throughput|slowdown-per-op|overhead-vs-completeness"
            + "|overhead-split|micro-ns-per-op|latency-" + GROUP + "(-[A-Za-z0-9._-]+)?"
            + "|(throughput-time|cpu-time|tracer-cpu|overhead-vs-completeness|sweep-completeness|sweep-p99)-" + GROUP
            + ")\\.(png|svg|pdf)");

    /**
     * Deletes the regular files directly in {@code chartsDir} whose names {@code owned} matches and that are not in
     * {@code written}: charts of an earlier {@code --formats} or of groups the results no longer hold, which stayed
     * beside the new ones. Files of other names, links and directories are left alone. Returns what it deleted, sorted.
     */
    public static List<Path> removeStale(Path chartsDir, Pattern owned, Collection<Path> written) throws IOException {
        if (!Files.isDirectory(chartsDir, LinkOption.NOFOLLOW_LINKS)) return List.of();
        Set<Path> keep = new HashSet<>();
        written.forEach(p -> keep.add(p.toAbsolutePath().normalize()));
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(chartsDir)) {
            for (Path p : ds) {
                if (owned.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && !keep.contains(p.toAbsolutePath().normalize())) stale.add(p);
            }
        }
        stale.sort(null);
        for (Path p : stale) Files.deleteIfExists(p);
        return stale;
    }

    /** The sentence a command prints after {@link #removeStale}: empty when nothing was deleted. */
    public static String removedNote(List<Path> removed) {
        if (removed.isEmpty()) return "";
        List<String> names = removed.stream().map(p -> p.getFileName().toString()).toList();
        return " Removed " + removed.size() + " chart file" + (removed.size() == 1 ? "" : "s") + " this report no longer"
                + " draws (left by an earlier --formats or configuration): "
                + String.join(", ", names.size() > 5 ? names.subList(0, 5) : names)
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "") + ".";
    }
}
