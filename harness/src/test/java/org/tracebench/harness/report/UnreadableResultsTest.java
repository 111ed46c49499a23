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
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** A damaged trial.json or manifest.json is named as such, never counted as a valid trial nor blamed on the tracer. */
class UnreadableResultsTest {
    @TempDir Path tmp;

    private static final String STRACE1 = "002-strace-mixed-w1-r1";

    private Analysis withTrialJson(String content) throws Exception {
        Path dir = Fixtures.copyTo(tmp.resolve(Integer.toHexString(content.hashCode())));
        Files.writeString(dir.resolve("trials").resolve(STRACE1).resolve("trial.json"), content);
        return Analysis.of(ResultsReader.read(dir));
    }

    private static List<RunWarning> of(Analysis a, WarningKind k) {
        return a.warnings().stream().filter(w -> w.kind() == k).toList();
    }

    @Test
    void eachDamagedTrialJsonGetsAWarningOfItsOwnNamingTheFileAndWhy() throws Exception {
        String[][] cases = {{"", "trial.json is empty)"}, {"[1,2]", "trial.json does not hold a JSON object)"},
            {"{not json", "trial.json:1:10: not valid JSON: "}, {"{\"status\": \"ok\", \"workers\": 1,\n", "trial.json:2:1: not valid JSON: "},
            {"{\"status\": \"ok\", \"throughputOpsPerSecond\": \"abc\"}", "trial.json: 'throughputOpsPerSecond' is \"abc\", not a number)"},
            {"{}", "trial.json: 'status' is missing"}};
        for (String[] c : cases) {
            Analysis a = withTrialJson(c[0]);
            Trial t = a.results().trials().stream().filter(x -> x.name().equals(STRACE1)).findFirst().orElseThrow();
            assertEquals(Trial.Status.UNREADABLE, t.status(), c[0]);
            List<RunWarning> w = of(a, WarningKind.UNREADABLE_FILES);
            assertEquals(1, w.size(), c[0] + ": " + a.warnings());
            assertTrue(w.get(0).message().contains(STRACE1 + "/" + c[1]), w.get(0).message());
            // not the tracer's fault: strace's invalid-trial warning names only its really invalid trial
            for (RunWarning inv : of(a, WarningKind.INVALID_TRIALS)) assertFalse(inv.message().contains(STRACE1), inv.message());
            Analysis.ConfigStats strace = a.find("strace", "mixed", 1);
            assertTrue(strace.valid().stream().noneMatch(x -> x.name().equals(STRACE1)), c[0]);
            assertEquals(1, strace.invalid(), c[0]);
            String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
            assertTrue(md.contains(", 1 unreadable."), md);
        }
    }

    @Test
    void aCorruptManifestIsNamedAsCorruptNotAsMissing() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Files.writeString(dir.resolve("manifest.json"), "{\"suite\": \"quick\"");
        Results r = ResultsReader.read(dir);
        assertTrue(r.manifestProblem().startsWith(dir.resolve("manifest.json") + ":1:"), r.manifestProblem());
        Analysis a = Analysis.of(r);
        assertEquals(1, of(a, WarningKind.UNREADABLE_FILES).size(), a.warnings().toString());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("manifest.json cannot be read: " + dir.resolve("manifest.json") + ":1:"), md);
        assertFalse(md.contains("No manifest.json."), md);
        assertNull(ResultsReader.read(Fixtures.resultsDir()).manifestProblem());
    }

    @Test
    void aDirectoryResumeCannotFinishIsNotAdvisedToBeResumed() throws Exception {
        Analysis handMade = Analysis.of(ResultsReader.read(Fixtures.resultsDir())); // its manifest has no plan
        for (WarningKind k : List.of(WarningKind.UNFINISHED_TRIALS, WarningKind.INVALID_TRIALS)) {
            List<RunWarning> w = of(handMade, k);
            assertFalse(w.isEmpty(), k.toString());
            w.forEach(x -> assertFalse(x.message().contains("--resume DIR"), x.message()));
            w.forEach(x -> assertTrue(x.message().contains("run the suite again"), x.message()));
        }
        Path dir = Fixtures.copyTo(tmp);
        Path mf = dir.resolve("manifest.json");
        Files.writeString(mf, Files.readString(mf).replaceFirst("\\{", "{\"plan\": [], \"suiteAsRun\": {\"duration\": \"5s\","
                + " \"warmup\": \"1s\", \"cooldown\": \"1s\", \"samplingInterval\": \"100ms\"},"));
        Analysis resumable = Analysis.of(ResultsReader.read(dir));
        assertTrue(of(resumable, WarningKind.UNFINISHED_TRIALS).get(0).message().contains("tracebench run --resume " + dir + "."),
                resumable.warnings().toString());
    }
}
