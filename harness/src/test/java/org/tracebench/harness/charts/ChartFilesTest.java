package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;
import org.tracebench.harness.report.Trial;
import org.w3c.dom.Document;

/** Renders every figure of the fixture and opens the files: PNG pixels, SVG as XML, PDF structure. */
class ChartFilesTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @EnumSource(ChartStyle.class)
    void everyFigureIsAValidPngSvgAndPdfWithEveryTracersColour(ChartStyle style) throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        List<Figure> figures = new FigureBuilder(a, style).all(true);
        Set<String> names = new HashSet<>();
        figures.forEach(f -> names.add(f.name()));
        assertTrue(names.containsAll(List.of("throughput", "latency-mixed-w1", "latency-mixed-w1-chmod",
                "cpu-time-mixed-w1", "throughput-time-mixed-w1", "tracer-cpu-mixed-w1", "overhead-vs-completeness",
                "slowdown-per-op")), names.toString());
        List<ReportCharts.Written> written = ReportCharts.write(figures, tmp.resolve("charts"),
                EnumSet.allOf(ChartFormat.class), style);
        for (ReportCharts.Written w : written) {
            assertEquals(3, w.files().size());
            checkPng(w, style);
            checkSvg(w);
            checkPdf(w.files().get(2));
        }
    }

    @Test
    void throughputOverTimeDrawsEveryValidRepetitionWithOneLegendEntryPerTracer() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        org.knowm.xchart.XYChart c = (org.knowm.xchart.XYChart) new FigureBuilder(a, ChartStyle.PAPER)
                .throughputOverTime("mixed", 1).chart();
        // the fixture's valid trials: none ×2 (r3 unfinished), strace ×2 (r3 invalid), fatrace ×2
        assertEquals(6, c.getSeriesMap().size(), c.getSeriesMap().keySet().toString());
        assertEquals(List.of("none", "strace", "fatrace"), c.getSeriesMap().values().stream()
                .filter(org.knowm.xchart.XYSeries::isShowInLegend).map(org.knowm.xchart.XYSeries::getName).toList());
        for (org.knowm.xchart.XYSeries s : c.getSeriesMap().values()) {
            double[] x = s.getXData(), y = s.getYData();
            assertEquals(5, x.length, s.getName() + ": one point per second of the 5 s window");
            assertEquals(0.5, x[0], 1e-9);
            assertEquals(4.5, x[4], 1e-9);
            double mean = java.util.Arrays.stream(y).average().orElseThrow();
            Trial t = a.configs().stream().flatMap(cs -> cs.valid().stream())
                    .filter(tr -> s.getName().startsWith(tr.tracer()) && (s.isShowInLegend()
                            ? tr == a.find(tr.tracer(), "mixed", 1).valid().get(0) : s.getName().endsWith(" " + tr.name())))
                    .findFirst().orElseThrow();
            assertEquals(t.throughputOpsPerSecond(), mean, 0.02 * mean, s.getName() + ": the series adds up to the trial's ops/s");
        }
        assertEquals(5.0, c.getStyler().getXAxisMax(), "the axis ends where the window does");
        // with clearance under the box: the line from one point to the next must not run behind it either
        assertEquals(0, XyLegends.pointsInBox(c, c.getStyler().getLegendPosition(), 0, 5, 0,
                c.getStyler().getYAxisMax() == null ? XyLegends.yData(c).max().orElseThrow() : c.getStyler().getYAxisMax(),
                false, XyLegends.boxWidthShare("fatrace".length()), XyLegends.boxHeightShare(3) + XyLegends.GAP_SHARE / 2));
    }

    @Test
    void severalValidTrialsOfOneRepetitionEachGetALine() throws Exception {
        // a paired run's block holds none more than once: series named by repetition collided and report failed
        Path dir = Fixtures.copyWith(tmp, List.of("002-strace-mixed-w1-r1", "003-fatrace-mixed-w1-r1", "006-strace-mixed-w1-r2"),
                json -> json.replaceFirst("\"repetition\": [0-9]+", "\"repetition\": 7").replaceFirst("\"fatrace\"", "\"strace\""));
        org.knowm.xchart.XYChart c = (org.knowm.xchart.XYChart) new FigureBuilder(Analysis.of(ResultsReader.read(dir)),
                ChartStyle.PAPER).throughputOverTime("mixed", 1).chart();
        assertEquals(3, c.getSeriesMap().keySet().stream().filter(n -> n.startsWith("strace")).count(), c.getSeriesMap().keySet().toString());
    }

    @Test
    void theTracerCpuBarCountsTheTracersSystemTimeOnce() throws Exception {
        // the machine's extra kernel time holds strace's own system time, which the dark part already shows
        Path dir = fixtureWith(List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2", "003-fatrace-mixed-w1-r1",
                "004-fatrace-mixed-w1-r2"), "\"cpuCores\": \\{",
                "\"cpuCores\": {\"tracerSystem\": 0.1,");
        Analysis a = Analysis.of(ResultsReader.read(dir));
        Figure f = new FigureBuilder(a, ChartStyle.PAPER).tracerCpu("mixed", 1);
        var series = ((org.knowm.xchart.CategoryChart) f.chart()).getSeriesMap();
        double light = series.get("strace extra kernel").getYData().stream().mapToDouble(Number::doubleValue).sum();
        assertEquals(a.find("strace", "mixed", 1).extraKernelCores() - 0.1, light, 1e-9);
        assertFalse(f.caption().contains("counts it twice"), f.caption());
        Figure old = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER).tracerCpu("mixed", 1);
        assertTrue(old.caption().contains("counts it twice"), old.caption());
    }

    @Test
    void anOpKindWithoutARatioIsAGapInTheSlowdownChartNotABarAtOne() throws Exception {
        Path dir = fixtureWith(List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3"),
                "\"chmod\": \\{", "\"chmod-not-in-none\": {");
        Figure f = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.SCREEN).slowdownPerOp();
        org.knowm.xchart.CategoryChart c = (org.knowm.xchart.CategoryChart) f.chart();
        List<?> xs = new java.util.ArrayList<>(c.getSeriesMap().get("fatrace").getXData());
        List<?> strace = new java.util.ArrayList<>(c.getSeriesMap().get("strace").getYData());
        assertEquals(xs.size(), strace.size());
        assertEquals(null, strace.get(xs.indexOf("chmod")), "strace has no chmod ratio: " + xs + " " + strace);
        assertTrue(((Number) strace.get(xs.indexOf("read"))).doubleValue() > 1, "read still has its slowdown: " + strace);
        ReportCharts.write(List.of(f), tmp.resolve("charts"), EnumSet.allOf(ChartFormat.class), ChartStyle.SCREEN);
    }

    @Test
    void aGroupWithoutTheTracersRatioIsAGapInTheThroughputChartNotAZeroBar() throws Exception {
        Path dir = fixtureWith(List.of("005-none-mixed-w1-r2", "006-strace-mixed-w1-r2"), // fatrace never ran "mixed-b"
                "\"workload\": \"mixed\"", "\"workload\": \"mixed-b\"");
        Figure f = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.SCREEN).throughput();
        org.knowm.xchart.CategoryChart c = (org.knowm.xchart.CategoryChart) f.chart();
        List<?> xs = new java.util.ArrayList<>(c.getSeriesMap().get("none").getXData());
        List<?> fatrace = new java.util.ArrayList<>(c.getSeriesMap().get("fatrace").getYData());
        List<?> strace = new java.util.ArrayList<>(c.getSeriesMap().get("strace").getYData());
        assertEquals(List.of("mixed", "mixed-b"), xs, "one worker count throughout: the workload names the group");
        assertEquals(null, fatrace.get(1), "fatrace has no ratio on mixed-b: " + fatrace);
        assertTrue(((Number) fatrace.get(0)).doubleValue() > 0, "fatrace keeps its mixed bar: " + fatrace);
        assertTrue(((Number) strace.get(1)).doubleValue() > 0, "strace has a mixed-b bar: " + strace);
        List<ReportCharts.Written> w = ReportCharts.write(List.of(f), tmp.resolve("charts"),
                EnumSet.allOf(ChartFormat.class), ChartStyle.SCREEN);
        checkSvg(w.get(0));
        String svg = Files.readString(w.get(0).files().get(1), StandardCharsets.UTF_8);
        assertFalse(svg.contains("NaN"), "the SVG has no NaN coordinates");
    }

    @Test
    void severalWorkloadsGetAnOverheadAgainstCompletenessFigureEachBesideTheCombinedOne() throws Exception {
        Path dir = fixtureWith(List.of("005-none-mixed-w1-r2", "006-strace-mixed-w1-r2"),
                "\"workload\": \"mixed\"", "\"workload\": \"mixed-b\"");
        List<Figure> all = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER).all(false);
        Figure combined = all.stream().filter(f -> f.name().equals("overhead-vs-completeness")).findFirst().orElseThrow();
        assertTrue(combined.caption().contains("overhead-vs-completeness-<workload>"), combined.caption());
        Figure b = all.stream().filter(f -> f.name().equals("overhead-vs-completeness-mixed-b-w1")).findFirst().orElseThrow();
        assertEquals(List.of("strace"), b.tracers(), "only strace has a ratio on mixed-b");
        assertEquals(1, ((org.knowm.xchart.XYChart) b.chart()).getSeriesMap().get("strace").getXData().length);
        Figure a = all.stream().filter(f -> f.name().equals("overhead-vs-completeness-mixed-w1")).findFirst().orElseThrow();
        assertEquals(List.of("strace", "fatrace"), a.tracers());
        assertEquals(2, ((org.knowm.xchart.XYChart) combined.chart()).getSeriesMap().get("strace").getXData().length,
                "the combined figure has strace on both workloads");
        List<Figure> one = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER).all(false);
        assertTrue(one.stream().noneMatch(f -> f.name().startsWith("overhead-vs-completeness-")), "one workload: the combined figure says it all");
    }

    @Test
    void anUpperBoundIsADownwardTriangleWithItsOwnLegendEntryNotAPointLikeAMatch() throws Exception {
        Path dir = fixtureWith(List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                "\"observable\": true", "\"observable\": true, \"attribution\": \"count\"");
        Figure f = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER).overheadVsCompleteness();
        var series = ((org.knowm.xchart.XYChart) f.chart()).getSeriesMap();
        assertEquals(java.util.Set.of("strace", "fatrace (≤)"), series.keySet(), "fatrace's share is counted: ≤");
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_DOWN.getClass(),
                series.get("fatrace (≤)").getMarker().getClass());
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE.getClass(), series.get("strace").getMarker().getClass());
        assertTrue(f.caption().contains("downward triangle"), f.caption());
        Figure plain = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER)
                .overheadVsCompleteness();
        assertEquals(java.util.Set.of("strace", "fatrace"), ((org.knowm.xchart.XYChart) plain.chart()).getSeriesMap().keySet());
        assertFalse(plain.caption().contains("triangle"), "no upper bound, no word of one: " + plain.caption());
    }

    @Test
    void barChartsGrowToTwoColumnsAndTurnTheirLabelsUprightWhenManyBarsDoNotFit() {
        List<String> six = List.of("none", "strace", "fatrace", "ftrace", "bpftrace", "strace-seccomp");
        assertEquals(new BarLayout(238, 185, 0, true), BarLayout.of(ChartStyle.PAPER, List.of("mixed"), six), "quick.yaml: one column");
        List<String> perOp = List.of("cached-read", "cached-write", "direct-io-read", "direct-io-write", "exec-fork",
                "exec-heavy", "fsync-write", "metadata-heavy");
        BarLayout wide = BarLayout.of(ChartStyle.PAPER, perOp, six);
        assertEquals(BarLayout.TWO_COLUMNS_PT, wide.widthPt(), "48 bars: a figure* two columns wide");
        assertEquals(90, wide.labelRotation(), "'direct-io-write' is wider than its 49 pt slot");
        assertTrue(wide.heightPt() > ChartStyle.PAPER.heightPt(), "upright labels get their own height: " + wide);
        assertEquals(0, BarLayout.of(ChartStyle.PAPER, List.of("a", "b", "c", "d"), six).labelRotation(), "short labels stay flat");
        assertEquals(ChartStyle.SCREEN.widthPt(), BarLayout.of(ChartStyle.SCREEN, perOp, six).widthPt());
        List<String> configurations = new java.util.ArrayList<>(six);
        for (int i = 0; i < 7; i++) configurations.add("bpftrace[mode=counts perfRbPages=" + (1 << i) + "]");
        BarLayout fidelity = BarLayout.of(ChartStyle.PAPER, List.of("fidelity-mix"), configurations);
        assertTrue(fidelity.heightPt() >= 13 * 27, "thirteen legend entries of 27 pt each fit: " + fidelity);
    }

    @Test
    void aLegendTooWideForOneRowGoesBesideThePlotInsteadOfLosingBothEnds() {
        List<String> eleven = List.of("none", "fatrace", "bpftrace[counts,2]", "bpftrace[counts,64]", "bpftrace[paths,2]",
                "bpftrace[paths,64]", "ftrace[256]", "ftrace[4096]", "strace-seccomp", "strace[all]", "strace[openat,close]");
        List<String> levels = new java.util.ArrayList<>(List.of("fidelity-mix w1"));
        for (int r = 250; r <= 16000; r *= 2) levels.add("fidelity-mix@" + r + "/s w1 †");
        BarLayout layout = BarLayout.of(ChartStyle.SCREEN, levels, eleven); // compare fidA fidB --style screen
        assertTrue(layout.legendEast(), layout.toString());
        assertFalse(BarLayout.of(ChartStyle.SCREEN, levels, List.of("none", "strace", "fatrace")).legendEast(), "three fit in a row");
        org.knowm.xchart.CategoryChart c = new org.knowm.xchart.CategoryChartBuilder().width(layout.widthPt()).height(layout.heightPt()).build();
        ChartStyle.SCREEN.apply(c.getStyler());
        c.getStyler().setXAxisLabelRotation(layout.labelRotation());
        layout.placeLegend(c.getStyler());
        for (String n : eleven) c.addSeries(n, levels, java.util.Collections.nCopies(levels.size(), 1.0));
        java.awt.image.BufferedImage img = org.knowm.xchart.BitmapEncoder.getBufferedImage(c);
        int background = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y++) {
            assertEquals(background, img.getRGB(0, y), "something drawn at the left edge, y " + y);
            assertEquals(background, img.getRGB(img.getWidth() - 1, y), "something drawn at the right edge, y " + y);
        }
    }

    @Test
    void legendsNameConfigurationsByTheirValuesUnlessTwoWouldReadAlike() {
        assertEquals(java.util.Map.of("strace", "strace", "none[A/A]", "none[A/A]",
                        "bpftrace[mode=counts perfRbPages=64]", "bpftrace[counts,64]", "ftrace[bufferSizeKb=256]", "ftrace[256]"),
                Labels.legends(List.of("strace", "none[A/A]", "bpftrace[mode=counts perfRbPages=64]", "ftrace[bufferSizeKb=256]")));
        assertEquals(List.of("x[a=1]", "x[b=1]", "x[2]"), List.copyOf(Labels.legends(List.of("x[a=1]", "x[b=1]", "x[c=2]")).values()),
                "x[1] twice would be refused by XChart: both keep their full names");
    }

    @Test
    void configurationsOfOneBackendGetShadesOfItsColour() {
        List<String> run = List.of("none", "fatrace", "bpftrace[mode=counts perfRbPages=2]",
                "bpftrace[mode=paths perfRbPages=64]", "none[A/A]", "strace-seccomp", "strace[syscalls=all]");
        Set<Integer> colours = new HashSet<>();
        run.forEach(t -> colours.add(Palette.of(t, run).getRGB()));
        assertEquals(run.size(), colours.size(), "every configuration its own colour");
        assertEquals(Palette.ORANGE, Palette.of("bpftrace[mode=counts perfRbPages=2]", run), "the first shade is bpftrace's own");
        assertEquals(Palette.light(Palette.ORANGE, 0.45), Palette.of("bpftrace[mode=paths perfRbPages=64]", run));
        assertEquals(Palette.light(Palette.BLACK, 0.45), Palette.of("none[A/A]", run), "none is drawn too: the A/A baseline is grey");
        assertEquals(Palette.VERMILLION, Palette.of("strace[syscalls=all]", run));
    }

    @Test
    void theThroughputAxisCutsIntervalsReachingFarBeyondTheBars() {
        assertEquals(1.1, FigureBuilder.yTop(1.0, 1.1), 1e-9, "intervals within reach are drawn whole");
        assertEquals(2.0, FigureBuilder.yTop(1.0, 14), 1e-9, "per-op's cached-write interval reached 13.8");
        assertEquals(0.9, FigureBuilder.yTop(0.3, 0.9), 1e-9);
        assertEquals(1.2, FigureBuilder.yTop(0.3, 5), 1e-9, "1.0 stays in view");
    }

    @Test
    void slowdownsWithinOneDecadeGetALinearAxisAndWiderOnesALogarithmicOne() throws Exception {
        Figure log = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER).slowdownPerOp();
        assertNotNull(((org.knowm.xchart.CategoryChart) log.chart()).getStyler().getyAxisTickLabelsFormattingFunction(),
                "strace slows the fixture's ops 20 times and more, drawn as log10 with ticks labelled ×: " + log.caption());
        assertTrue(log.caption().contains("on a logarithmic axis"), log.caption());
        Path dir = Fixtures.copyTo(tmp);
        for (String t : List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3")) {
            try (var files = Files.walk(dir.resolve("trials").resolve(t))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Figure linear = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER).slowdownPerOp();
        assertEquals(List.of("fatrace"), linear.tracers());
        assertEquals(null, ((org.knowm.xchart.CategoryChart) linear.chart()).getStyler().getyAxisTickLabelsFormattingFunction(),
                "fatrace alone stays within a few times none's: " + linear.caption());
        assertFalse(linear.caption().contains("on a logarithmic axis"), linear.caption());
    }

    @Test
    void throughputErrorBarsRunFromTheFiellerBoundsAndTheCaptionSaysSo() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(fixtureWith(List.of(), "x^", "")));
        Figure f = new FigureBuilder(a, ChartStyle.PAPER).throughput();
        org.tracebench.harness.stats.RatioEstimate r = a.find("strace", "mixed", 1).throughputVsNone();
        assertTrue(r.bounded() && r.ci95High() - r.ratio() != r.ratio() - r.ci95Low(), "an asymmetric interval: " + r);
        org.knowm.xchart.CategoryChart c = (org.knowm.xchart.CategoryChart) f.chart();
        assertEquals(null, c.getSeriesMap().get("strace").getExtraValues(), "no symmetric XChart error bars");
        c.getStyler().setAntiAlias(false);
        c.getStyler().setLegendVisible(false); // its swatches have the bars' colours
        int w = c.getWidth() * 3, h = c.getHeight() * 3; // enough pixels for a bound to land within one
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.scale(3, 3);
        c.paint(g, c.getWidth(), c.getHeight());
        g.dispose();
        List<String> all = List.of("none", "strace", "fatrace");
        int noneX = WhiskersTest.centreOf(img, Palette.of("none", all));
        int straceX = WhiskersTest.centreOf(img, Palette.of("strace", all));
        int[] noneBar = WhiskersTest.extent(img, noneX + 3, Palette.of("none", all).getRGB()); // beside its whisker
        double y0 = noneBar[1] + 1, y1 = noneBar[0]; // none's bar is 1.0
        // the frame is dark grey too: follow the whisker up and down from the bar's top, which lies inside it
        int[] whisker = WhiskersTest.darkRunThrough(img, straceX, (int) Math.round(y0 + (y1 - y0) * r.ratio()));
        assertNotNull(whisker, "strace has a whisker");
        assertEquals(y0 + (y1 - y0) * r.ci95High(), whisker[0], 4.0, "its top is the interval's upper bound " + r);
        assertEquals(y0 + (y1 - y0) * r.ci95Low(), whisker[1], 4.0, "its bottom is the lower bound " + r);
        assertTrue(f.caption().contains("from their lower to their upper bound (Fieller's interval of the ratio, which"
                + " need not be symmetric"), f.caption());
    }

    /** A copy of the fixture whose named trials' trial.json have their first {@code regex} match replaced. */
    private Path fixtureWith(List<String> trials, String regex, String replacement) throws IOException {
        return Fixtures.copyWith(tmp, trials, json -> json.replaceFirst(regex, replacement));
    }

    private static void checkPng(ReportCharts.Written w, ChartStyle style) throws IOException {
        Path png = w.files().get(0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a PNG");
        assertEquals(Math.round(w.figure().chart().getWidth() * style.pngDpi() / 72.0), img.getWidth(), png.toString());
        assertEquals(Math.round(w.figure().chart().getHeight() * style.pngDpi() / 72.0), img.getHeight(), png.toString());
        Set<Integer> pixels = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) pixels.add(img.getRGB(x, y) & 0xFFFFFF);
        }
        assertTrue(pixels.size() > 3, png + " is blank");
        List<String> all = List.of("none", "strace", "fatrace");
        for (String tracer : w.figure().tracers()) {
            Color c = Palette.of(tracer, all);
            assertTrue(pixels.contains(c.getRGB() & 0xFFFFFF), png + " lacks " + tracer + "'s colour " + c);
        }
    }

    private static void checkSvg(ReportCharts.Written w) throws Exception {
        Path svg = w.files().get(1);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertTrue(d.getDocumentElement().getAttribute("width").endsWith("pt"), "SVG sized in points like the PDF");
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        List<String> all = List.of("none", "strace", "fatrace");
        for (String tracer : w.figure().tracers()) {
            Color c = Palette.of(tracer, all);
            String rgb = String.format(Locale.ROOT, "rgb(%d,%d,%d)", c.getRed(), c.getGreen(), c.getBlue());
            assertTrue(text.contains(rgb), svg + " lacks " + tracer + "'s colour " + rgb);
        }
    }

    private static void checkPdf(Path pdf) throws IOException {
        byte[] b = Files.readAllBytes(pdf);
        assertTrue(b.length > 2000, pdf + " is only " + b.length + " bytes");
        String head = new String(b, 0, 8, StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("%PDF-1."), pdf + " starts with " + head);
        String tail = new String(b, b.length - 64, 64, StandardCharsets.ISO_8859_1);
        assertTrue(tail.contains("startxref") && tail.strip().endsWith("%%EOF"), pdf + " has no trailer");
    }

    @Test
    void paletteIsFixedPerTracerAndDistinct() {
        List<String> run = List.of("none", "strace", "fatrace", "ftrace", "bpftrace", "mytracer", "other");
        Set<Integer> colours = new HashSet<>();
        run.forEach(t -> colours.add(Palette.of(t, run).getRGB()));
        assertEquals(run.size(), colours.size(), "one distinct colour per tracer");
        assertEquals(Palette.VERMILLION, Palette.of("strace", List.of("strace")));
        assertEquals(Palette.of("strace", run), Palette.of("strace", List.of("fatrace", "strace")));
    }

    @Test
    void ninesAxisLabels() {
        assertEquals("90%", FigureBuilder.ninesLabel(1));
        assertEquals("99%", FigureBuilder.ninesLabel(2));
        assertEquals("99.9%", FigureBuilder.ninesLabel(3));
        assertEquals("99.99%", FigureBuilder.ninesLabel(4));
        assertEquals("68%", FigureBuilder.ninesLabel(0.5));
        assertFalse(FigureBuilder.ninesLabel(2.5).contains(","));
    }

    @Test
    void paperLegendsOfLineChartsLeaveTheLinesVisible() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        FigureBuilder b = new FigureBuilder(a, ChartStyle.PAPER);
        org.knowm.xchart.XYChart lat = (org.knowm.xchart.XYChart) b.latency("mixed", 1, null).chart();
        // percentile curves climb from bottom left to top right: the top-left default legend hid their steep part
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.InsideSE, lat.getStyler().getLegendPosition());
        assertLegendCoversNoPoint(lat, Math.log10(2), 4.0, true);
        org.knowm.xchart.XYChart cpu = (org.knowm.xchart.XYChart) b.cpuOverTime("mixed", 1).chart();
        long entries = cpu.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count();
        assertEquals(3, entries, "one legend entry per tracer (none, strace, fatrace), not one per line");
        assertLegendCoversNoPoint(cpu, 0, XyLegends.xMax(cpu), false);
    }

    @Test
    void curvesThroughEveryCornerPutTheLegendBesideALogPlot() {
        org.knowm.xchart.XYChart c = new org.knowm.xchart.XYChartBuilder().width(238).height(185).build();
        double[] xs = new double[40];
        double[] low = new double[40], high = new double[40];
        for (int i = 0; i < 40; i++) {
            xs[i] = 0.3 + 3.7 * i / 39;
            low[i] = 5 * Math.pow(100, i / 39.0);      // 5 µs to 500 µs: through the bottom left and the right
            high[i] = 100 * Math.pow(160, i / 39.0);   // 100 µs to 16 ms: through the top left and top right
        }
        for (String n : List.of("none", "fatrace", "ftrace")) c.addSeries(n, xs, low);
        for (String n : List.of("strace", "strace-seccomp", "bpftrace")) c.addSeries(n, xs, high);
        c.getStyler().setYAxisLogarithmic(true);
        XyLegends.placeForLines(c, 0.3, 4.0, 5, true, List.of("none", "fatrace", "ftrace", "strace", "strace-seccomp", "bpftrace"));
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, c.getStyler().getLegendPosition(),
                "no corner is free, and headroom on a log axis would cost four empty decades");
        assertEquals(null, c.getStyler().getYAxisMax());
    }

    /** The chart's legend, in the corner it was given, covers none of its points on the axis as it will be drawn. */
    private static void assertLegendCoversNoPoint(org.knowm.xchart.XYChart c, double x0, double x1, boolean logY) {
        List<String> names = c.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList();
        double lo = logY ? XyLegends.yData(c).min().orElseThrow() : 0;
        Double max = c.getStyler().getYAxisMax();
        double hi = max != null ? max : XyLegends.yData(c).max().orElseThrow();
        int covered = XyLegends.pointsInBox(c, c.getStyler().getLegendPosition(), x0, x1, lo, hi, logY,
                XyLegends.boxWidthShare(names.stream().mapToInt(String::length).max().orElse(0)),
                XyLegends.boxHeightShare(names.size()));
        assertEquals(0, covered, c.getStyler().getLegendPosition() + " covers points of " + names);
    }

    @Test
    void theShortLastSampleOfAWindowIsLeftOutOfTheCpuChart() throws Exception {
        Path trial = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(trial.resolve("system.csv"), "t_ms,cpu_user\n500,0.5\n1000,0.6\n1500,0.55\n1537,1.5\n");
        org.tracebench.harness.report.SystemSamples s = org.tracebench.harness.report.SystemSamples.read(trial);
        assertEquals(List.of(500.0, 1000.0, 1500.0), java.util.Arrays.stream(s.withoutShortIntervals().column("t_ms")).boxed().toList());
        assertEquals(4, s.rows().size(), "the file itself is read whole");
    }

    @Test
    void pngBytesDecode() throws IOException {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        byte[] png = ChartFiles.encode(new FigureBuilder(a, ChartStyle.SCREEN).throughput().chart(), ChartFormat.PNG, 72);
        assertEquals(800, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    }
}
