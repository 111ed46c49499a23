package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;

class LoadJvmOptionsTest {
    @TempDir Path dir;

    /**
     * A load generator started with the options runs read, open, truncate, readdir and exec through the JDK internals; one
     * started without them says why not, falls back, and still completes every op without an error.
     */
    @Test void theOptionsEnableTheJdkInternalsAndALoadGeneratorWithoutThemFallsBack() throws Exception {
        Path task = Files.writeString(dir.resolve("t.yaml"), String.join("\n",
                "name: internals", "setup:", "  - {path: f, size: 64}", "tasks:",
                "  - {op: read, path: f}", "  - {op: open, path: f}", "  - {op: truncate, path: t, size: 8}",
                "  - {op: stat, path: f}", "  - {op: readdir, path: .}",
                "  - {op: execute-subproc, path: " + TestTasks.trueBinary() + "}", ""));
        String with = runLoad(task, "with", LoadJvmOptions.OPTIONS);
        assertTrue(with.contains("\"jdkInternals\": true"), with);
        String without = runLoad(task, "without", List.of());
        assertTrue(without.contains("\"jdkInternals\": false"), without);
        assertTrue(without.contains("--add-opens"), "the reason should name the missing options: " + without);
        for (String json : List.of(with, without)) {
            assertFalse(json.matches("(?s).*\"errors\": [1-9].*"), json);
            for (String op : List.of("read", "open", "truncate", "stat", "readdir", "execute-subproc"))
                assertTrue(json.contains("\"" + op + "\": {"), op + " missing: " + json);
        }
    }

    private String runLoad(Path task, String name, List<String> jvmOptions) throws Exception {
        Path json = dir.resolve(name + ".json");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadMain.class.getName(), task.toString(),
                "--duration", "300ms", "--warmup", "0s", "--work-root", dir.resolve("root-" + name).toString(),
                "--json", json.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), name + ": " + out);
        assertEquals(jvmOptions.isEmpty(), out.contains("Note: read, open, truncate, readdir and exec ops use the public JDK APIs"),
                name + ": " + out);
        return Files.readString(json) + "\n" + out;
    }

    @Test void thisJavaAcceptsTheOptions() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LoadJvmOptions.OPTIONS);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "java " + LoadJvmOptions.OPTIONS + " -version said: " + out);
        assertFalse(out.contains("CompileCommand"), "the JVM echoed a CompileCommand (stdout is the control channel): " + out);
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
