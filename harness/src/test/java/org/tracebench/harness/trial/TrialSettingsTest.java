package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
