package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tracebench.loadgen.cli.LoadJvmOptions;

class TrialSettingsTest {
    @Test void theLoadGeneratorJvmGetsTheLoadgenOptionsRightAfterTheJavaBinary() {
        TrialSettings s = TrialSettings.forThisJvm(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(100), null);
        assertEquals(1 + LoadJvmOptions.OPTIONS.size(), s.javaCommand().size());
        assertEquals(LoadJvmOptions.OPTIONS, s.javaCommand().subList(1, s.javaCommand().size()));
    }
}
