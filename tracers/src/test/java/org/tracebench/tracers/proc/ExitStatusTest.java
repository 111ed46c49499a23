package org.tracebench.tracers.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exit codes in words, as Java reports them for real processes. */
class ExitStatusTest {
    private static int exitOf(String script) throws Exception {
        return new ProcessBuilder("sh", "-c", script).start().waitFor();
    }

    @Test
    void aProcessKilledBySignalReadsAsKilledByThatSignal() throws Exception {
        assertEquals("was killed by SIGKILL (exit code 137)", ExitStatus.describe(exitOf("kill -KILL $$")));
        assertEquals("was killed by SIGTERM (exit code 143)", ExitStatus.describe(exitOf("kill -TERM $$")));
    }

    @Test
    void anOrdinaryExitReadsAsItsCode() throws Exception {
        assertEquals("exited with code 3", ExitStatus.describe(exitOf("exit 3")));
        assertEquals("exited with code 0", ExitStatus.describe(exitOf("true")));
    }
}
