package org.tracebench.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.TestTasks.file;
import static org.tracebench.loadgen.TestTasks.spec;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.run.Engine;
import org.tracebench.loadgen.run.RunConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The result JSON keeps every field name of docs/design.md; the .hlog holds one tagged histogram per op kind. */
class ResultJsonContractTest {
    @TempDir Path root;
    @TempDir Path out;

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) { return (Map<String, Object>) o; }

    @Test void fieldsMatchTheContract() throws Exception {
        var t = file(spec(OpKind.STAT, "s"), spec(OpKind.EXECUTE_SUBPROC, TestTasks.trueBinary()));
        Engine e = new Engine(new RunConfig(t, 1, Duration.ofMillis(300), Duration.ofMillis(50), OptionalDouble.empty(),
                root, List.of(), false, false, "POSIX_SPAWN"));
        e.prepare();
        LoadResult r = e.run();
        e.cleanup();
        Path json = ResultWriter.write(r, out.resolve("sub/load.json"));
        Map<String, Object> m = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(json)));

        assertTrue(m.keySet().containsAll(List.of("schema", "task", "workers", "durationSeconds", "warmupSeconds",
                "rate", "launchMechanism", "pid", "startedAt", "ops", "iterations", "timeSeries", "groundTruth",
                "histogramLog")), m.keySet().toString());
        assertEquals("tracebench-load/1", m.get("schema"));
        assertEquals(Set.of("name", "source", "format"), map(m.get("task")).keySet());
        assertEquals("v2", map(m.get("task")).get("format"));
        assertEquals(1, m.get("workers"));
        assertEquals(0.3, m.get("durationSeconds"));
        assertNull(m.get("rate"));
        assertEquals("POSIX_SPAWN", m.get("launchMechanism"));
        assertEquals(true, m.get("jdkInternals"), "the test JVM has the opens (pom argLine)");
        Map<String, Object> jit = map(m.get("jitCompilerCpuMillis"));
        for (String phase : List.of("warmup", "measured")) {
            assertTrue(((Number) jit.get(phase)).doubleValue() >= 0, "jitCompilerCpuMillis." + phase + ": " + jit);
        }
        Map<String, Object> ops = map(m.get("ops"));
        assertEquals(Set.of("stat", "execute-subproc"), ops.keySet());
        for (Object o : ops.values()) {
            Map<String, Object> op = map(o);
            assertTrue(op.keySet().containsAll(List.of("count", "errors", "errorSamples", "opsPerSecond", "latencyNanos")));
            assertTrue(map(op.get("latencyNanos")).keySet().containsAll(List.of("p50", "p90", "p99", "p999", "max", "mean")));
        }
        Map<String, Object> it = map(m.get("iterations"));
        assertTrue(it.keySet().containsAll(List.of("count", "perSecond", "latencyNanos")));
        Map<String, Object> ts0 = map(((List<?>) m.get("timeSeries")).get(0));
        assertEquals(0, ts0.get("second"));
        assertTrue(map(ts0.get("ops")).containsKey("stat"));
        Map<String, Object> gt = map(m.get("groundTruth"));
        assertTrue(gt.keySet().containsAll(List.of("pid", "childPids", "ops")));
        Map<String, Object> gtExec = map(map(gt.get("ops")).get("execute-subproc"));
        assertEquals(Set.of("count", "paths", "pathsTruncated", "realPaths"), gtExec.keySet());
        assertEquals(((List<?>) gt.get("childPids")).size(), ((Number) gtExec.get("count")).intValue());
        assertEquals(List.of(root + "/s"), map(map(gt.get("ops")).get("stat")).get("paths"));

        Path hlog = Path.of((String) m.get("histogramLog"));
        assertEquals(out.resolve("sub/load.hlog"), hlog);
        Set<String> tags = new java.util.HashSet<>();
        try (FileInputStream in = new FileInputStream(hlog.toFile())) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) tags.add(h.getTag());
        }
        assertEquals(Set.of("stat", "execute-subproc"), tags);
        try (var files = Files.list(out.resolve("sub"))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
