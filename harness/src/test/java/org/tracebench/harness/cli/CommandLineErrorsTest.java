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
    void loadFlagsTakeTheGrammarAndLimitsOfTaskFiles() {
        String[][] cases = {
            {"--duration", "5", "--duration must be a duration with a unit, such as 30s, 500ms or 2m; found '5'. Add a unit: `5s` means seconds."},
            {"--duration", "-1s", "--duration must be longer than zero; found '-1s'."},
            {"--duration", "200h", "--duration must be at most 7 days (168h); found '200h'."},
            {"--warmup", "-1s", "--warmup must not be negative; found '-1s'."},
            {"--workers", "5000", "--workers must be a whole number from 1 to 4096; found 5000."},
            {"--rate", "2000000", "--rate must be a number greater than 0 and at most 1000000 (iterations per second per worker); found 2000000.0."},
        };
        for (String[] c : cases) {
            Executed r = Executed.run(Main.commandLine(), "load", "no-such.yaml", c[0], c[1]);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith(c[2] + "\n"), r.err());
        }
        Executed v = Executed.run(Main.commandLine(), "validate", "--workers", "99999", "no-such.yaml");
        assertEquals(2, v.code());
        assertTrue(v.err().startsWith("--workers must be a whole number from 1 to 4096; found 99999."), v.err());
    }

    @Test
    void otherUsageErrorsStillShowTheUsage() {
        Executed r = Executed.run(Main.commandLine(), "validate", "--no-such-flag");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage:"), r.err());
    }

    @Test
    void everySubcommandsVersionFlagPrintsTheVersion() {
        Executed top = Executed.run(Main.commandLine(), "--version");
        assertEquals(0, top.code());
        assertTrue(top.out().startsWith("tracebench "), top.out());
        for (String sub : Main.commandLine().getSubcommands().keySet()) {
            for (String flag : new String[] {"-V", "--version"}) {
                Executed r = Executed.run(Main.commandLine(), sub, flag);
                assertEquals(0, r.code(), sub + " " + flag + ": " + r.err());
                assertEquals(top.out(), r.out(), sub + " " + flag);
            }
        }
    }
}
