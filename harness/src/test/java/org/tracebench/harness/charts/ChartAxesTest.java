package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;

/** What the value axes of the report's charts say: tick labels, values below zero, a baseline of 1×. */
class ChartAxesTest {
    @TempDir Path tmp;

    private static final List<String> FATRACE = List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2");

    @Test
    void linearValueAxesPrintAFractionWithItsLeadingZero() throws Exception {
        FigureBuilder b = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER);
        for (Figure f : List.of(b.throughput(), b.tracerCpu("mixed", 1), b.cpuOverTime("mixed", 1))) {
            AxesChartStyler st = (AxesChartStyler) f.chart().getStyler();
            assertNotNull(st.getYAxisDecimalPattern(), f.name() + ": XChart's own pattern printed 0.05 as \".05\"");
            DecimalFormat d = new DecimalFormat(st.getYAxisDecimalPattern(), DecimalFormatSymbols.getInstance(Locale.ROOT));
            assertEquals("0.05", d.format(0.05), f.name());
            assertEquals("0.15", d.format(0.15000000000000002), f.name());
            assertEquals("0.0025", d.format(0.0025), f.name());
            assertEquals("2", d.format(2.0), f.name());
        }
    }

    @Test
    void everyAxisPrintsPlainDecimalsNotEngineeringNotation() throws Exception {
        List<Figure> all = new java.util.ArrayList<>(new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())),
                ChartStyle.PAPER).all(true));
        all.addAll(org.tracebench.harness.fidelity.FidelityCharts.all(org.tracebench.harness.fidelity.FidelityAnalysis.of(List.of(
                org.tracebench.harness.fidelity.Rows.sweep("strace", 1000, true, 1000, 1000, 0),
                org.tracebench.harness.fidelity.Rows.sweep("strace", 20000, true, 1000, 1000, 0))), ChartStyle.PAPER));
        for (Figure f : all) {
            AxesChartStyler st = (AxesChartStyler) f.chart().getStyler();
            for (String axis : List.of("x", "y")) {
                String own = axis.equals("x") ? st.getXAxisDecimalPattern() : st.getYAxisDecimalPattern();
                String pattern = own != null ? own : st.getDecimalPattern(); // what XChart falls back to
                if (axis.equals("x") && f.chart() instanceof CategoryChart) continue; // categories are labels
                assertNotNull(pattern, f.name() + " " + axis + ": XChart's own pattern printed 2000000 as \"2E6\"");
                DecimalFormat d = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
                assertEquals("2000000", d.format(2_000_000.0), f.name() + " " + axis);
            }
        }
    }

    @Test
    void lessKernelTimeThanNonesIsABarBelowZeroNotClippedToIt() throws Exception {
        Path dir = Fixtures.copyWith(tmp, FATRACE, j -> j.replaceFirst("\"kernel\": [0-9.]+", "\"kernel\": 0.05"));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        double extra = a.find("fatrace", "mixed", 1).extraKernelCores();
        assertTrue(extra < -0.2, "fatrace's kernel time is below none's: " + extra);
        Figure f = new FigureBuilder(a, ChartStyle.PAPER).tracerCpu("mixed", 1);
        CategoryChart c = (CategoryChart) f.chart();
        List<?> ys = List.copyOf(c.getSeriesMap().get("fatrace extra kernel").getYData());
        List<?> xs = List.copyOf(c.getSeriesMap().get("fatrace extra kernel").getXData());
        assertEquals(extra, ((Number) ys.get(xs.indexOf("fatrace"))).doubleValue(), 1e-12, "drawn as it is, not as 0");
        assertTrue(f.caption().contains("below 0 where the tracer's trials spent less kernel time per operation than none's"), f.caption());
        // and XChart draws it: the light shade reaches below the dark bar's foot (the zero line)
        BufferedImage img = render(c);
        Color dark = Palette.of("fatrace", List.of("none", "strace", "fatrace"));
        Color light = Palette.light(dark, 0.55);
        assertTrue(lowestRow(img, light) > lowestRow(img, dark) + 10, "the extra kernel bar goes down from 0");
    }

    @Test
    void aSpeedUpOnTheLogarithmicSlowdownAxisIsABarDownFromOne() throws Exception {
        // fatrace's chmod takes 1 µs on average where none's took tens: a speed-up, beside strace's 20-fold slowdowns
        Path dir = Fixtures.copyWith(tmp, FATRACE,
                j -> j.replaceFirst("(\"chmod\": \\{[^}]*?\"mean\": )[0-9.]+", "$1" + "1000.0"));
        Figure f = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER).slowdownPerOp();
        CategoryChart c = (CategoryChart) f.chart();
        assertTrue(f.caption().contains("on a logarithmic axis, bars start at 1 (below it: faster than none)"), f.caption());
        List<?> xs = List.copyOf(c.getSeriesMap().get("fatrace").getXData());
        double chmod = ((Number) List.copyOf(c.getSeriesMap().get("fatrace").getYData()).get(xs.indexOf("chmod"))).doubleValue();
        assertTrue(chmod < 0, "log10 of a factor below 1: " + chmod);
        assertEquals("1", SlowdownFigure.factorLabel(0));
        assertEquals("0.5", SlowdownFigure.factorLabel(Math.log10(0.5)));
        assertEquals("20", SlowdownFigure.factorLabel(Math.log10(20)));
        assertEquals("3.2", SlowdownFigure.factorLabel(0.5));
        // strace's bars all start at 1; fatrace's chmod bar hangs below that line
        List<String> all = List.of("none", "strace", "fatrace");
        BufferedImage img = render(c);
        assertTrue(lowestRow(img, Palette.of("fatrace", all)) > lowestRow(img, Palette.of("strace", all)) + 10,
                "a speed-up is drawn downwards from 1, where the slowdowns start");
    }

    /** The chart at 3× without its legend (whose swatches have the bars' colours). */
    private static BufferedImage render(Chart<?, ?> c) {
        c.getStyler().setLegendVisible(false);
        BufferedImage img = new BufferedImage(c.getWidth() * 3, c.getHeight() * 3, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(3, 3);
        c.paint(g, c.getWidth(), c.getHeight());
        g.dispose();
        return img;
    }

    /** The lowest pixel row holding exactly {@code c}, or -1. */
    private static int lowestRow(BufferedImage img, Color c) {
        for (int y = img.getHeight() - 1; y >= 0; y--) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) return y;
        }
        return -1;
    }
}
