package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;

/** cpu-time-* and throughput-time-* share a time base: 0 is the measured window's start, the warm-up before it. */
class OverTimeBaseTest {
    @TempDir Path tmp;

    @Test
    void cpuOverTimeStartsTheWindowAtZeroWithTheWarmUpShadedBeforeIt() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        try (var trials = Files.list(dir.resolve("trials"))) {
            for (Path t : trials.toList()) { // the fixture's system.csv samples every 500 ms from GO: 500 ms warm-up
                Path load = t.resolve("load.json");
                if (Files.exists(load)) Files.writeString(load, Files.readString(load)
                        .replaceFirst("\"durationSeconds\"", "\"warmupSeconds\": 0.5, \"durationSeconds\""));
            }
        }
        FigureBuilder b = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER);
        Figure cpu = b.cpuOverTime("mixed", 1);
        XYChart c = (XYChart) cpu.chart();
        double first = c.getSeriesMap().values().stream().mapToDouble(s -> s.getXData()[0]).min().orElseThrow();
        assertEquals(0.0, first, 1e-9, "the first sample, 500 ms after GO, is the window's start");
        assertEquals(-0.5, c.getStyler().getXAxisMin(), 1e-9, "GO is at minus the warm-up");
        assertTrue(cpu.caption().contains("seconds from the measured window's start, as in throughput-time-*, the warm-up"
                + " before 0 (shaded)"), cpu.caption());
        Figure thr = b.throughputOverTime("mixed", 1);
        assertEquals(((XYChart) thr.chart()).getXAxisTitle(), c.getXAxisTitle());
        assertTrue(thr.caption().contains("seconds from the window's start, as in cpu-time-*"), thr.caption());
        // the band is drawn: left of x = 0 the plot is darker than white where no line runs
        BufferedImage img = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.getStyler().setLegendVisible(false);
        c.paint(g, c.getWidth(), c.getHeight());
        g.dispose();
        long grey = Arrays.stream(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()))
                .filter(p -> (p & 0xFFFFFF) == 0xE4E4E4 || (p & 0xFFFFFF) == 0xE3E3E3).count();
        assertTrue(grey > 100, "shaded pixels: " + grey);
    }

    @Test
    void withoutTheWarmUpsLengthTheCaptionSaysItCountsFromGo() throws Exception {
        Figure cpu = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER)
                .cpuOverTime("mixed", 1);
        assertTrue(cpu.caption().contains("seconds from the load's start (GO), warm-up included"), cpu.caption());
    }
}
