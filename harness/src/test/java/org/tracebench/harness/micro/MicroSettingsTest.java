package org.tracebench.harness.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicroSettingsTest {
    @Test void theJmhProcessGetsTheHarnessesTracebenchPropertiesButNotItsJitOptions() {
        // JMH starts its forks with the JMH process's own options (no -jvmArgs), so they reach the measured ops too
        MicroSettings s = MicroSettings.forJvm(List.of("stat"), List.of(), Duration.ofSeconds(60), List.of(
                "-XX:TieredStopAtLevel=1", "-Dtracebench.jdkInternals=false", "-XX:-UsePerfData", "-Xmx1g"));
        List<String> cmd = new MicroRunner(s, Path.of("/nonexistent")).command(Path.of("j.json"), Path.of("b"));
        assertEquals(List.of("-Dtracebench.jdkInternals=false", "-Xmx1g"), cmd.subList(1, cmd.indexOf("-cp")), cmd.toString());
    }
}
