package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.json.Json;

/**
 * In paired order one repetition holds several trials of a configuration; summary.csv and summary.json tell them apart.
 * The A/A check's trials have no rows in summary.csv.
 */
class PairedSummaryRowsTest {
    @TempDir Path tmp;

    @Test
    void everyCsvRowNamesItsTrialAndPlaceSoPairsCanBeRebuilt() throws Exception {
        // repetition 1: an A/A block (block 1) and a strace ABBA block (block 2), as PairedPlan lays them out
        trial(1, "none", "", 1, 1, 1000);
        trial(2, "none", "A/A", 1, 2, 990);
        trial(3, "none", "A/A", 1, 3, 1010);
        trial(4, "none", "", 1, 4, 1000);
        trial(5, "none", "", 2, 1, 1100);
        trial(6, "strace", "", 2, 2, 550);
        trial(7, "strace", "", 2, 3, 600);
        trial(8, "none", "", 2, 4, 1200);
        Results r = ResultsReader.read(tmp);
        List<String> lines = new String(Summaries.csv(r), StandardCharsets.UTF_8).lines().toList();
        assertEquals("suite,tracer,workload,workers,repetition,metric,value,unit,trial,block,position", lines.get(0));
        List<String> throughput = lines.stream().filter(l -> l.contains(",throughput,")).toList();
        assertEquals(List.of(
                "p,none,w,1,1,throughput,1000,ops/s,001-none-w-w1-r1,1,1",
                "p,none,w,1,1,throughput,1000,ops/s,004-none-w-w1-r1,1,4",
                "p,none,w,1,1,throughput,1100,ops/s,005-none-w-w1-r1,2,1",
                "p,strace,w,1,1,throughput,550,ops/s,006-strace-w-w1-r1,2,2",
                "p,strace,w,1,1,throughput,600,ops/s,007-strace-w-w1-r1,2,3",
                "p,none,w,1,1,throughput,1200,ops/s,008-none-w-w1-r1,2,4"), throughput);
        // the A/A check's trials are no tracer: no rows, as in summary.json, whose paired.aaChecks is their verdict
        assertTrue(lines.stream().noneMatch(l -> l.contains("A/A") || l.contains(",002-none-") || l.contains(",003-none-")),
                String.join("\n", lines));
        // the pairs (1, 2) and (4, 3) of block 2, rebuilt from the CSV alone, give summary.json's pair ratios
        Map<String, Double> byPlace = new LinkedHashMap<>();
        for (String l : throughput) {
            String[] f = l.split(",");
            byPlace.put(f[9] + "/" + f[10], Double.parseDouble(f[6]));
        }
        List<Double> rebuilt = List.of(byPlace.get("2/2") / byPlace.get("2/1"), byPlace.get("2/3") / byPlace.get("2/4"));
        Files.write(tmp.resolve("summary.json"), Summaries.json(Analysis.of(r)));
        Map<?, ?> paired = (Map<?, ?>) JsonMaps.readObject(tmp.resolve("summary.json")).get("paired");
        Map<?, ?> strace = (Map<?, ?>) ((List<?>) paired.get("configurations")).get(0);
        assertEquals(rebuilt, ((Map<?, ?>) strace.get("throughputRatio")).get("pairRatios"));
        assertEquals(List.of(Map.of("block", 2, "tracer", "006-strace-w-w1-r1", "baseline", "005-none-w-w1-r1"),
                Map.of("block", 2, "tracer", "007-strace-w-w1-r1", "baseline", "008-none-w-w1-r1")),
                numbersAsInts(strace.get("pairTrials")));
        Map<?, ?> aa = (Map<?, ?>) ((List<?>) paired.get("aaChecks")).get(0);
        assertEquals(List.of(Map.of("block", 1, "tracer", "002-none-w-w1-r1", "baseline", "001-none-w-w1-r1"),
                Map.of("block", 1, "tracer", "003-none-w-w1-r1", "baseline", "004-none-w-w1-r1")),
                numbersAsInts(aa.get("pairTrials")));
    }

    @Test
    void aTrialOutsideAPairedBlockHasEmptyBlockAndPosition() throws Exception {
        trial(1, "none", "", 0, 0, 1000);
        String csv = new String(Summaries.csv(ResultsReader.read(tmp)), StandardCharsets.UTF_8);
        assertEquals("p,none,w,1,1,valid,1,bool,001-none-w-w1-r1,,", csv.lines().toList().get(1));
    }

    private static List<Map<String, Object>> numbersAsInts(Object pairs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> m.put(String.valueOf(k), v instanceof Number n ? (Object) n.intValue() : v));
            out.add(m);
        }
        return out;
    }

    private void trial(int number, String backend, String variant, int block, int position, double throughput)
            throws Exception {
        Path d = tmp.resolve("trials").resolve(String.format(Locale.ROOT, "%03d-%s-w-w1-r1", number, backend));
        Files.createDirectories(d);
        Files.writeString(tmp.resolve("manifest.json"), "{\"suite\": \"p\"}\n"); // the suite's name, p
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", "ok");
        j.put("tracer", variant.isEmpty() ? backend : backend + "[" + variant + "]");
        j.put("workload", "w");
        j.put("workers", 1);
        j.put("repetition", 1);
        j.put("measuredSeconds", 5.0);
        j.put("throughputOpsPerSecond", throughput);
        j.put("backend", backend);
        j.put("tracerVariant", variant);
        if (block > 0) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("offeredRatePerSecond", null);
            p.put("block", block);
            p.put("position", position);
            p.put("role", block == 1 ? "aa" : "pair"); // block 1 is the A/A block in these tests
            j.put("placement", p);
        }
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
