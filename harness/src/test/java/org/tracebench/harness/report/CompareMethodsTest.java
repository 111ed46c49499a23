package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.stats.RatioEstimate;

/** compare names how each side's × none was estimated where a paired run meets an unpaired one. */
class CompareMethodsTest {
    @TempDir Path tmp;

    @Test
    void aPairedRunBesideAnUnpairedOneNamesEachSidesMethod() throws Exception {
        Path paired = Fixtures.pairedResultsDir();
        Path unpaired = Fixtures.copyTo(tmp, paired); // the same trials without their ABBA places or A/A trials
        try (var s = Files.list(unpaired.resolve("trials"))) {
            for (Path t : s.toList()) {
                Path json = t.resolve("trial.json");
                String j = Files.readString(json);
                if (j.contains("\"role\": \"aa\"")) {
                    try (var files = Files.list(t)) {
                        for (Path f : files.toList()) Files.delete(f);
                    }
                    Files.delete(t);
                    continue;
                }
                Files.writeString(json, j.replaceAll("\"placement\": \\{[^}]*\\}", "\"placement\": null"));
            }
        }
        Analysis a = Analysis.of(ResultsReader.read(paired)), b = Analysis.of(ResultsReader.read(unpaired));
        assertEquals(PairRatios.METHOD, a.find("bpftrace", "mini", 1).throughputVsNone().method());
        assertEquals(RatioEstimate.METHOD, b.find("bpftrace", "mini", 1).throughputVsNone().method(), "the edit took");
        Comparison c = Comparison.of(a, b);
        String sentence = "A × none is the geometric mean of the within-pair ratios (paired ABBA blocks); B × none is "
                + "Fieller's ratio of mean throughputs: the two columns are estimated differently.";
        String md = new String(c.markdown(List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| B × none |\n") && md.contains(sentence + "\n"), md);
        assertTrue(c.text().contains(sentence), c.text());
        Comparison same = Comparison.of(a, a);
        assertNull(same.vsNoneMethods());
        assertFalse(new String(same.markdown(List.of()), StandardCharsets.UTF_8).contains("estimated differently"));
    }
}
