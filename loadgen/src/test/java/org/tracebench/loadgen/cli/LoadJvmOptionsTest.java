package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadJvmOptionsTest {
    @Test void thisJavaAcceptsTheOptions() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LoadJvmOptions.OPTIONS);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "java " + LoadJvmOptions.OPTIONS + " -version said: " + out);
    }

    @Test void mainPrintsTheOptionsOnOneLineForShellScripts() {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
            LoadJvmOptions.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertEquals(String.join(" ", LoadJvmOptions.OPTIONS) + System.lineSeparator(), b.toString(StandardCharsets.UTF_8));
    }

    @Test void mainReadsTheWorkersOfALoadCommandLine() {
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(3)), printed("load", "t.yaml", "--workers", "3"));
        assertEquals(String.join(" ", LoadJvmOptions.forWorkers(4)), printed("load", "--workers=4", "t.yaml"));
        assertEquals(String.join(" ", LoadJvmOptions.OPTIONS), printed("load", "--workers", "many"));
        assertTrue(printed("load", "--workers", "2").endsWith("-Xmn16m"));
    }

    private static String printed(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
            LoadJvmOptions.main(args);
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8).strip();
    }
}
