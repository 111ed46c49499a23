package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** doctor --help names everything --cleanup removes: micro's work directories too, not only trial work roots. */
class DoctorHelpTest {
    @Test
    void cleanupsHelpNamesMicrosWorkDirectories() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("doctor", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("trial work roots, micro's work directories (/var/tmp/tracebench-micro-<pid>-<tracer>)"),
                help);
    }
}
