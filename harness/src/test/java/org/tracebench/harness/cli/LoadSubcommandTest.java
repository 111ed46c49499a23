package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tracebench load} is registered on the main command and runs a task file end to end. */
class LoadSubcommandTest {
    @TempDir Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test void loadIsListedAndDocumentsItsOptions() {
        assertEquals(0, run("load", "--help"));
        for (String flag : new String[] {"--workers", "--duration", "--warmup", "--rate", "--work-root", "--allow-path",
            "--json", "--keep", "--fail-fast", "--control"}) {
            assertTrue(out.toString().contains(flag), flag + " in\n" + out);
        }
    }

    @Test void loadRunsATaskFile() throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), "tasks:\n  - {op: open, path: f}\n");
        assertEquals(0, run("load", f.toString(), "--duration", "200ms", "--warmup", "0s",
                "--work-root", dir.resolve("root").toString()), err.toString());
        assertTrue(out.toString().contains("open"), out.toString());
    }

    @Test void aMissingTaskFileIsBadInput() {
        assertEquals(2, run("load", dir.resolve("absent.yaml").toString()));
        assertTrue(err.toString().contains("absent.yaml"), err.toString());
    }
}
