package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exporters give the same bytes in any default locale (German uses ',' decimals and '.' grouping). */
class GoldenExportTest {
    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"de-DE", "en-US", "fr-FR", "ar-EG"})
    void csvJsonMarkdownAndLatexMatchGoldenFiles(String tag) throws IOException {
        Locale.setDefault(Locale.forLanguageTag(tag));
        Results r = ResultsReader.read(Fixtures.resultsDir());
        Analysis a = Analysis.of(r);
        Fixtures.assertGolden("summary.csv", Summaries.csv(r));
        Fixtures.assertGolden("summary.json", Summaries.json(a));
        Fixtures.assertGolden("report.md", MarkdownReport.render(a, List.of(
                new MarkdownReport.ChartRef("charts/throughput.png", "Throughput relative to none."))));
        for (LatexTables.Table t : LatexTables.render(a)) Fixtures.assertGolden(t.fileName(), t.bytes());
        String csv = new String(Summaries.csv(r), StandardCharsets.UTF_8);
        assertFalse(csv.matches("(?s).*\\d,\\d{3},(ops/s|ns).*"), "no decimal commas in values");
    }
}
