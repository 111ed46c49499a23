package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;
import org.tracebench.loadgen.json.Json;
import org.yaml.snakeyaml.Yaml;

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
        assertEquals(-0.25, first, 1e-9, "the first sample, 500 ms after GO, averages the warm-up: at its middle");
        assertEquals(-0.5, c.getStyler().getXAxisMin(), 1e-9, "GO is at minus the warm-up");
        assertTrue(cpu.caption().contains("seconds from the measured window's start, as in throughput-time-*, the warm-up"
                + " before 0 (shaded)"), cpu.caption());
        assertTrue(cpu.caption().contains("each sample at the middle of the interval it averages"), cpu.caption());
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
    void aOneSecondWindowDrawsEachRepetitionAsADot() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        try (var trials = Files.list(dir.resolve("trials"))) {
            for (Path t : trials.toList()) { // each repetition: one second, one bin
                Path load = t.resolve("load.json");
                if (!Files.exists(load)) continue;
                Map<String, Object> j = new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(Files.readString(load)));
                j.put("durationSeconds", 1.0);
                j.put("timeSeries", List.of(((List<?>) j.get("timeSeries")).get(0)));
                Files.writeString(load, Json.write(j) + "\n");
            }
        }
        Figure thr = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER).throughputOverTime("mixed", 1);
        XYChart c = (XYChart) thr.chart();
        assertTrue(!c.getSeriesMap().isEmpty());
        for (XYSeries s : c.getSeriesMap().values()) {
            assertEquals(1, s.getXData().length);
            assertEquals(SeriesMarkers.CIRCLE, s.getMarker(), s.getName());
        }
        assertTrue(c.getStyler().getMarkerSize() > 0);
        assertTrue(thr.caption().contains("(a dot for a window of one second)"), thr.caption());
    }

    @Test
    void withoutTheWarmUpsLengthTheCaptionSaysItCountsFromGo() throws Exception {
        Figure cpu = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER)
                .cpuOverTime("mixed", 1);
        assertTrue(cpu.caption().contains("seconds from the load's start (GO), warm-up included"), cpu.caption());
    }
}
