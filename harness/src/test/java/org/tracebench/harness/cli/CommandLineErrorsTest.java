package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Usage errors of the whole command line: a bare {@code tracebench}, and flag values of the wrong type. */
class CommandLineErrorsTest {
    @Test
    void bareTracebenchPrintsTheFullHelpOnStderrAndExitsTwo() {
        Executed r = Executed.run(Main.commandLine());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Commands:"), r.err());
        assertTrue(r.err().contains("validate") && r.err().contains("run"), r.err());
    }

    @Test
    void aFlagValueOfTheWrongTypeIsOneSentenceNamingTheFlagWithoutTheUsage() {
        Executed rate = Executed.run(Main.commandLine(), "load", "x.yaml", "--rate", "abc");
        assertEquals(2, rate.code());
        assertTrue(rate.err().startsWith("--rate must be a number; found 'abc'.\n"), rate.err());
        assertFalse(rate.err().contains("Usage:"), rate.err());
        Executed reps = Executed.run(Main.commandLine(), "run", "s.yaml", "--repetitions", "abc");
        assertEquals(2, reps.code());
        assertTrue(reps.err().startsWith("--repetitions must be a whole number; found 'abc'.\n"), reps.err());
        Executed workers = Executed.run(Main.commandLine(), "validate", "--workers", "abc", "t.yaml");
        assertEquals(2, workers.code());
        assertTrue(workers.err().startsWith("--workers must be a whole number; found 'abc'.\n"), workers.err());
    }

    @Test
    void otherUsageErrorsStillShowTheUsage() {
        Executed r = Executed.run(Main.commandLine(), "validate", "--no-such-flag");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage:"), r.err());
    }
}
