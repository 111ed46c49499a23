package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** A fix that advises run --resume names the results directory itself, as the interrupt path does, not a literal DIR. */
class ResumeDirInFixTest {
    @TempDir Path tmp;

    @Test
    void theInvalidTrialsFixNamesTheDirectoryAndItsReplacedFolder() throws Exception {
        Path dir = Fixtures.copyTo(tmp, Fixtures.pairedResultsDir());
        Path t = dir.resolve("trials/007-bpftrace-mini-w1-r1/trial.json");
        Files.writeString(t, Files.readString(t).replaceFirst("\"status\"\\s*:\\s*\"ok\"", "\"status\": \"invalid\""));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        List<RunWarning> ws = a.warnings().stream().filter(w -> w.kind() == WarningKind.INVALID_TRIALS).toList();
        assertEquals(1, ws.size(), a.warnings().toString());
        String m = ws.get(0).message();
        assertTrue(m.endsWith("then rerun them with tracebench run --resume " + dir + " (their old files are kept in "
                + dir.resolve("replaced") + "/)."), m);
        assertFalse(m.contains("DIR"), m);
        assertTrue(TerminalSummary.text(a).contains("--resume " + dir + " "), "the run's closing warnings too");
    }
}
