package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.suite.Suite;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.cli.LoadJvmOptions;

class TrialSettingsTest {
    @Test void theLoadGeneratorJvmGetsTheLoadgenOptionsRightAfterTheJavaBinary() {
        TrialSettings s = TrialSettings.forThisJvm(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(100), null);
        assertEquals(LoadJvmOptions.BASE, s.javaCommand().subList(1, s.javaCommand().size()));
        assertEquals(LoadJvmOptions.OPTIONS, s.javaCommandFor(1).subList(1, s.javaCommandFor(1).size()));
    }

    @Test void theYoungGenerationGrowsWithTheWorkers() {
        TrialSettings s = TrialSettings.forThisJvm(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(100), null);
        assertEquals("-Xmn16m", s.javaCommandFor(2).get(s.javaCommandFor(2).size() - 1));
        assertEquals("-Xmn512m", s.javaCommandFor(1000).get(s.javaCommandFor(1000).size() - 1));
        TrialSettings own = new TrialSettings(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(100), null,
                java.util.List.of("java", "-Xmn4m"), "cp", Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(java.util.List.of("java", "-Xmn4m"), own.javaCommandFor(8), "a command's own -Xmn wins");
    }

    @Test void theLoadGetsTheHarnessesTracebenchPropertiesAndMemoryLimitsButNotItsJitOptions(@TempDir Path tmp) throws Exception {
        // as the launcher starts `run` with TRACEBENCH_JAVA_OPTS="-Dtracebench.jdkInternals=false ... -Xmx2g"
        List<String> harness = List.of("-XX:TieredStopAtLevel=1", "-XX:-UseCodeCacheFlushing", "-XX:-UsePerfData",
                "-Dtracebench.jdkInternals=false", "-Dtracebench.foreignStat=false", "-XX:MaxDirectMemorySize=9g",
                "-Xmx2g", "-Dfile.encoding=UTF-8", "-Xss2m");
        TrialSettings s = TrialSettings.forJvm(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(100), null, harness);
        Path task = tmp.resolve("stat.yaml");
        Files.writeString(task, "tasks:\n  - op: stat\n    path: /etc/hostname\n");
        TrialRunner runner = new TrialRunner(s, ResultsDir.create(tmp, "s", java.time.LocalDateTime.of(2026, 1, 1, 0, 0)));
        List<String> cmd = runner.loadCommand(new TrialSpec(1, Suite.TracerSpec.of("none"), "stat", task, 2, 1),
                tmp.resolve("load.json"), null);
        List<String> jvm = cmd.subList(0, cmd.indexOf("-cp"));
        for (String a : List.of("-Dtracebench.jdkInternals=false", "-Dtracebench.foreignStat=false",
                "-XX:MaxDirectMemorySize=9g", "-Xmx2g", "-Dfile.encoding=UTF-8")) assertTrue(jvm.contains(a), a + " reaches the load: " + cmd);
        for (String a : List.of("-XX:TieredStopAtLevel=1", "-XX:-UseCodeCacheFlushing", "-XX:-UsePerfData",
                "-Xss2m")) assertFalse(cmd.contains(a), a + " is the harness's own: " + cmd);
        assertTrue(jvm.containsAll(LoadJvmOptions.BASE) && jvm.contains("-Xmn16m"), cmd.toString());
    }
}
