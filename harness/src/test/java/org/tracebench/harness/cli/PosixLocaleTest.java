package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a JVM started under LC_ALL=POSIX (file names in ASCII, as JDK 17 takes them from the locale): a
 * non-ASCII path is refused in a sentence that names the locale, exit 2, never with a stack trace.
 */
class PosixLocaleTest {
    @TempDir
    Path dir;

    private record Result(int code, String err) {}

    private Result tracebench(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().put("LC_ALL", "POSIX");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), err);
    }

    @Test
    void aNonAsciiTaskPathIsRefusedNamingTheLocale() throws Exception {
        Path task = Files.writeString(dir.resolve("t.yaml"), "workRoot: " + dir.resolve("work")
                + "\ntasks:\n  - {op: write, path: \"\u00e9crit.bin\", size: 4KiB}\n", StandardCharsets.UTF_8);
        Result r = tracebench("validate", task.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot be a file name or argument here") && r.err().contains("LC_ALL=C.UTF-8"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aNonAsciiDirectoryArgumentIsRefusedNamingTheLocale() throws Exception {
        Result r = tracebench("report", dir.resolve("r\u00e9sultats").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("must be a path this JVM can encode") && r.err().contains("LC_ALL=C.UTF-8"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aNonAsciiTaskFileOfASuiteIsRefusedAtItsLine() throws Exception {
        Path suite = Files.writeString(dir.resolve("s.yaml"), "name: s\ntracers: [none]\nduration: 1s\ntasks:\n"
                + "  - t\u00e2che.yaml\n", StandardCharsets.UTF_8);
        Result r = tracebench("validate", suite.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(suite + ":5:5: 'tasks' entry") && r.err().contains("LC_ALL=C.UTF-8"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
