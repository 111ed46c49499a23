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
import org.tracebench.harness.charts.CompareFigures;
import org.tracebench.harness.charts.ReportCharts;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.report.Comparison;
import org.tracebench.harness.report.MarkdownReport;
import org.tracebench.harness.report.ResultsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracebench compare DIR_A DIR_B}: side-by-side table (B/A per configuration with interval) and charts. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares two results directories: throughput B/A per configuration with its 95%% interval.")
public final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "The first (reference) results directory.")
    Path dirA;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "The second results directory.")
    Path dirB;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write compare.md and the charts "
            + "(default: DIR_B/compare-<name of DIR_A>).")
    Path out;

    @Mixin ChartOptions charts;

    /** The chart files compare owns in its charts/ (CompareFigures), in any format. */
    static final java.util.regex.Pattern COMPARE_CHARTS =
            java.util.regex.Pattern.compile("compare-throughput\\.(png|svg|pdf)");

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Set<ChartFormat> fmts = charts.formats(err);
        ChartStyle st = charts.style(err);
        if (fmts == null || st == null) return 2;
        for (String[] a : new String[][] {{"DIR_A", String.valueOf(dirA)}, {"DIR_B", String.valueOf(dirB)}}) {
            if (!Files.isDirectory(Path.of(a[1]))) {
                err.println("The results directory " + a[0] + " '" + a[1] + "' does not exist or is not a directory.");
                return 2;
            }
            if (org.tracebench.harness.micro.MicroReport.isMicroResults(Path.of(a[1]))) {
                err.println("The results directory " + a[0] + " '" + a[1] + "' holds the results of tracebench micro, which"
                        + " compare does not read (it compares the runs of suites); read it with tracebench report.");
                return 2;
            }
            if (!ResultsReader.isResultsDir(Path.of(a[1]))) {
                err.println(ReportCommand.notResults(a[0], Path.of(a[1])));
                return 2;
            }
        }
        try {
            if (Files.isSameFile(dirA, dirB)) {
                err.println("DIR_A '" + dirA + "' and DIR_B '" + dirB + "' are the same directory (" + dirA.toRealPath()
                        + "), so B/A would compare a run with itself; give the results directories of two runs.");
                return 2;
            }
        } catch (IOException e) {
            err.println("Could not compare " + dirA + " with " + dirB + ": " + e.getMessage());
            return 1;
        }
        if (out != null) {
            java.util.Optional<String> refused = OutDirs.problem("--out", out);
            if (refused.isPresent()) {
                err.println(refused.get());
                return 2;
            }
        }
        try {
            Analysis aa = Analysis.of(ResultsReader.read(dirA)), ab = Analysis.of(ResultsReader.read(dirB));
            Comparison cmp = Comparison.of(aa, ab);
            cmp.warnings().forEach(w -> err.println("Warning: " + w)); // they change what the table holds: say so first
            String nothing = cmp.nothingInCommon();
            if (nothing != null) {
                err.println(nothing);
                return 2;
            }
            o.print(cmp.text());
            o.flush(); // the warning below says "listed above": the table must reach the terminal first
            if (cmp.hostWarning() != null) err.println("Warning: " + cmp.hostWarning());
            Path target = out != null ? out
                    : dirB.resolve("compare-" + dirA.toAbsolutePath().normalize().getFileName());
            List<MarkdownReport.ChartRef> refs = new ArrayList<>();
            List<Path> drawn = new ArrayList<>();
            if (!fmts.isEmpty()) {
                for (ReportCharts.Written w : ReportCharts.write(List.of(CompareFigures.ratio(cmp, st)),
                        target.resolve("charts"), fmts, st)) {
                    refs.add(new MarkdownReport.ChartRef("charts/" + w.embeddable().getFileName(), w.figure().caption()));
                    drawn.addAll(w.files());
                }
            }
            AtomicFiles.write(target.resolve("compare.md"), cmp.markdown(refs));
            List<Path> stale = ReportCharts.removeStale(target.resolve("charts"), COMPARE_CHARTS, drawn);
            o.println("Wrote " + target.resolve("compare.md") + "." + ReportCharts.removedNote(stale));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("Could not compare " + dirA + " with " + dirB + ": " + e.getMessage());
            return 1;
        }
    }
}
