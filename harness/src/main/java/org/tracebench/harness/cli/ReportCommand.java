package org.tracebench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tracebench.harness.charts.ChartFormat;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.FigureBuilder;
import org.tracebench.harness.charts.ReportCharts;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.report.LatexTables;
import org.tracebench.harness.report.MarkdownReport;
import org.tracebench.harness.report.Results;
import org.tracebench.harness.report.ResultsReader;
import org.tracebench.harness.report.Summaries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracebench report DIR}: summary.csv/json, report.md, charts/ and tables/ from a results directory's files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes DIR/report.md, DIR/charts/, DIR/tables/ (LaTeX) and DIR/summary.{csv,json} from a results "
                + "directory.")
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A results directory written by tracebench run.")
    Path dir;

    @Mixin ChartOptions charts;

    @Option(names = "--latency-per-op", description = "Also draw one latency spectrum per op kind.")
    boolean latencyPerOp;

    /** The message for a directory {@code tracebench run} did not write. */
    static String notResults(String label, Path dir) {
        return "The directory " + label + " '" + dir + "' is not a results directory: it has neither manifest.json nor "
                + "trials/. Give the directory tracebench run printed after 'Results:'.";
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Set<ChartFormat> fmts = charts.formats(err);
        ChartStyle st = charts.style(err);
        if (fmts == null || st == null) return 2;
        if (!Files.isDirectory(dir)) {
            err.println("The results directory DIR '" + dir + "' does not exist or is not a directory.");
            return 2;
        }
        // tracebench micro's results (micro-summary.json) are rendered by their own class.
        if (org.tracebench.harness.micro.MicroReport.isMicroResults(dir)) return org.tracebench.harness.micro.MicroReport.write(dir, fmts, st, out, err);
        if (!ResultsReader.isResultsDir(dir)) { // summaries, report.md and charts/ in an arbitrary directory help nobody
            err.println(notResults("DIR", dir));
            return 2;
        }
        try {
            Results r = ResultsReader.read(dir);
            if (r.trials().isEmpty()) err.println("Warning: " + dir + " holds no trials under trials/.");
            Analysis a = Analysis.of(r);
            AtomicFiles.write(dir.resolve("summary.csv"), Summaries.csv(r));
            AtomicFiles.write(dir.resolve("summary.json"), Summaries.json(a));
            List<ReportCharts.Written> written = fmts.isEmpty() ? List.of()
                    : ReportCharts.write(new FigureBuilder(a, st).all(latencyPerOp), dir.resolve("charts"), fmts, st);
            List<MarkdownReport.ChartRef> refs = new ArrayList<>();
            for (ReportCharts.Written w : written) {
                Path e = w.embeddable();
                if (e != null) refs.add(new MarkdownReport.ChartRef("charts/" + e.getFileName(), w.figure().caption()));
            }
            // issue 7: paired overhead, A/A check, three-way split, cheapest complete configuration, sweep knees
            org.tracebench.harness.fidelity.FidelityReport.Written fid = org.tracebench.harness.fidelity.FidelityReport.write(dir, fmts, st);
            byte[] md = MarkdownReport.render(a, refs);
            AtomicFiles.write(dir.resolve("report.md"), fid.markdown().isEmpty() ? md
                    : (new String(md, java.nio.charset.StandardCharsets.UTF_8) + fid.markdown()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<Path> drawn = new ArrayList<>(fid.chartFiles());
            written.forEach(w -> drawn.addAll(w.files()));
            List<Path> stale = ReportCharts.removeStale(dir.resolve("charts"), ReportCharts.REPORT_CHARTS, drawn);
            List<LatexTables.Table> tables = LatexTables.render(a);
            for (LatexTables.Table t : tables) AtomicFiles.write(dir.resolve("tables").resolve(t.fileName()), t.bytes());
            out.println("Wrote " + dir.resolve("report.md") + ", " + (written.size() + fid.charts()) + " charts in "
                    + dir.resolve("charts") + " and " + tables.size() + " LaTeX tables in " + dir.resolve("tables") + "."
                    + ReportCharts.removedNote(stale));
            if (!r.notRun().isEmpty()) out.println(MarkdownReport.trialCounts(r) + ".");
            org.tracebench.harness.stats.RunWarning.terminalLines(a.warnings()).forEach(w -> err.println("Warning: " + w));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("Could not write the report for " + dir + ": " + e.getMessage());
            if (System.getenv("TRACEBENCH_DEBUG") != null) e.printStackTrace(err);
            return 1;
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(dir, Runtime.getRuntime().maxMemory()));
            return 1;
        }
    }

    /** The sentence for a report that ran out of heap: the heap it had and the option that gives it more. */
    static String outOfMemory(Path dir, long maxHeapBytes) {
        return "The report for " + dir + " ran out of memory (the Java heap may grow to " + (maxHeapBytes >> 20) + " MiB);"
                + " give it a larger heap with TRACEBENCH_JAVA_OPTS=-Xmx1g, and check JAVA_TOOL_OPTIONS for a small -Xmx."
                + " Files it had written may be from before this report.";
    }
}
