package org.tracebench.loadgen.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.task.OpOptions;

/**
 * The modes ops pass to the kernel, seen in a JVM started with umask 0 (the test JVM's 022 would hide the difference
 * between loder's 0644 and 0666, or 0777 and 0755): {@code write} creates with 0644 (os.WriteFile), {@code mkdir} with
 * 0777 (os.Mkdir). Before 2026-12-07 they were 0666 and 0755.
 */
class LoderModesTest {
    @TempDir Path dir;

    /** Runs {@code write} on ARGS[0]/w and {@code mkdir} on ARGS[0]/d, and prints both modes. */
    public static void main(String[] args) throws Exception {
        Path d = Path.of(args[0]);
        for (OpKind k : List.of(OpKind.WRITE, OpKind.MKDIR)) {
            Path p = d.resolve(k == OpKind.WRITE ? "w" : "d");
            Ops.create(k, OpOptions.DEFAULTS, pid -> { }, false).perform(p);
            System.out.println(k.yamlName() + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
    }

    @Test void writeAndMkdirCreateWithLodersModes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("sh", "-c", "umask 0 && exec \"$0\" -cp \"$1\" " + LoderModesTest.class.getName()
                + " \"$2\"", java, System.getProperty("java.class.path"), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out");
        }
        assertEquals(0, p.exitValue(), out);
        assertEquals("write rw-r--r--\nmkdir rwxrwxrwx\n", out);
    }
}
