package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;

/** Chart files as a results directory keeps them: the same bytes for the same chart, and no leftovers. */
class ReportChartsTest {
    @TempDir Path tmp;

    @Test
    void aPdfIsTheSameBytesEveryTimeWithAnIdDerivedFromItsContent() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        byte[] one = ChartFiles.encode(new FigureBuilder(a, ChartStyle.PAPER).throughput().chart(), ChartFormat.PDF, 300);
        byte[] two = ChartFiles.encode(new FigureBuilder(a, ChartStyle.PAPER).throughput().chart(), ChartFormat.PDF, 300);
        assertArrayEquals(one, two, "PDFBox seeded the /ID with the clock");
        byte[] other = ChartFiles.encode(new FigureBuilder(a, ChartStyle.PAPER).slowdownPerOp().chart(), ChartFormat.PDF, 300);
        assertFalse(id(one).equals(id(other)), "another chart, another /ID");
        // only the /ID's hex changed from what the encoder wrote: no offset moved, so the xref stays valid
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(new FigureBuilder(a, ChartStyle.PAPER).throughput().chart(), raw,
                VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
        byte[] r = raw.toByteArray();
        assertEquals(r.length, one.length);
        Matcher m = idMatcher(one);
        for (int i = 0; i < r.length; i++) {
            boolean inId = i >= m.start(1) && i < m.end(1) || i >= m.start(2) && i < m.end(2);
            if (!inId) assertEquals(r[i], one[i], "byte " + i + " outside the /ID");
        }
        byte[] zeroed = one.clone();
        for (int i = m.start(1); i < m.end(1); i++) zeroed[i] = '0';
        for (int i = m.start(2); i < m.end(2); i++) zeroed[i] = '0';
        String md5 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(zeroed));
        assertEquals(md5, m.group(1), "the MD5 of the file without its /ID");
        assertEquals(md5, m.group(2));
    }

    @Test
    void staleChartsOfTheReportAreRemovedAndEverythingElseStays() throws Exception {
        Path charts = Files.createDirectories(tmp.resolve("charts"));
        List<String> written = List.of("throughput.pdf", "latency-mixed-w1.pdf", "tracer-cpu-mixed-w1.pdf");
        List<String> stale = List.of("throughput.png", "throughput.svg", "latency-mixed-w1.png", "latency-mixed-w1-chmod.svg",
                "tracer-cpu-metadata-heavy-w4.png", "overhead-vs-completeness-exec.fork-w2.pdf", "slowdown-per-op.png",
                "cpu-time-mixed-w2.svg", "throughput-time-mixed-w1.png", "overhead-split.png", "sweep-p99-mixed-w1.svg",
                "sweep-completeness-mixed-w1.pdf", "micro-ns-per-op.png", "overhead-vs-completeness.png");
        List<String> mine = List.of("notes.png", "throughput.png.orig", "my-throughput.pdf", "throughput.jpg",
                "latency-draft.png", "README.md", ".throughput.png.123.tmp", "compare-throughput.png");
        for (String n : written) Files.writeString(charts.resolve(n), "new");
        for (String n : stale) Files.writeString(charts.resolve(n), "old");
        for (String n : mine) Files.writeString(charts.resolve(n), "mine");
        Files.createDirectory(charts.resolve("cpu-time-mixed-w1.png"));
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.png"), "linked");
        Files.createSymbolicLink(charts.resolve("cpu-time-mixed-w4.png"), elsewhere);
        List<Path> removed = ReportCharts.removeStale(charts, ReportCharts.REPORT_CHARTS,
                written.stream().map(charts::resolve).toList());
        assertEquals(stale.stream().sorted().toList(), removed.stream().map(p -> p.getFileName().toString()).toList());
        for (String n : stale) assertFalse(Files.exists(charts.resolve(n)), n);
        for (String n : written) assertTrue(Files.exists(charts.resolve(n)), n);
        for (String n : mine) assertEquals("mine", Files.readString(charts.resolve(n)), n + " is the user's");
        assertTrue(Files.isDirectory(charts.resolve("cpu-time-mixed-w1.png")), "a directory is no chart");
        assertTrue(Files.isSymbolicLink(charts.resolve("cpu-time-mixed-w4.png")), "nor is a link");
        assertEquals("linked", Files.readString(elsewhere));
        assertEquals(List.of(), ReportCharts.removeStale(tmp.resolve("none"), ReportCharts.REPORT_CHARTS, List.of()));
    }

    private static String id(byte[] pdf) {
        return idMatcher(pdf).group(1);
    }

    private static Matcher idMatcher(byte[] pdf) {
        Matcher m = Pattern.compile("/ID \\[<([0-9A-F]{32})> <([0-9A-F]{32})>]")
                .matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertTrue(m.find(), "the PDF has an /ID");
        return m;
    }
}
