package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.testing.Requirements;

/** As root: a harness JVM's -Dtracebench.* (TRACEBENCH_JAVA_OPTS) reaches a real trial's load generator. */
class HarnessJvmOptionsEndToEndTest {
    @Test
    void aHarnessPropertyReachesTheLoadGeneratorAndTheManifestSaysSo(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Path suite = SuiteFixture.write(tmp, "opts", List.of("none"), "1s", 1); // one none trial of 1 s
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("harness.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // as `TRACEBENCH_JAVA_OPTS=-Dtracebench.jdkInternals=false ./tracebench run SUITE` starts the harness
        Process harness = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Dtracebench.jdkInternals=false", "-cp",
                System.getProperty("java.class.path"), HarnessTestMain.class.getName(), suite.toString(), "--out",
                out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(harness.waitFor(10, TimeUnit.MINUTES), "the harness did not finish");
        } finally {
            harness.destroyForcibly();
        }
        assertEquals(0, harness.exitValue(), Files.readString(log));
        Path results = RunEndToEndTest.onlyResultsDir(out);
        List<Path> trials = RunEndToEndTest.trialDirs(results);
        assertEquals(1, trials.size(), trials.toString());
        Map<String, Object> load = RunEndToEndTest.json(trials.get(0).resolve("load.json"));
        assertEquals(false, load.get("jdkInternals"), "the load ran on the public APIs, as asked: " + load);
        @SuppressWarnings("unchecked") Map<String, Object> env =
                (Map<String, Object>) RunEndToEndTest.json(results.resolve("manifest.json")).get("environment");
        List<?> loadArgs = (List<?>) env.get("loadJvmArguments");
        assertTrue(loadArgs.contains("-Dtracebench.jdkInternals=false"), loadArgs.toString());
        assertFalse(loadArgs.contains("-XX:TieredStopAtLevel=1"), "the harness's own JIT option: " + loadArgs);
    }
}
