package org.tracebench.loadgen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;

/** MicroMain's arguments, JMH options and control protocol; one real process for the protocol's end to end. */
class MicroMainTest {

    @Test
    void parsesOwnOptionsAndPassesTheRestToJmh(@TempDir Path tmp) {
        MicroMain.Args a = MicroMain.parse(new String[] {"--json", tmp.resolve("r.json").toString(), "--ops", "READ, direct_read",
            "-f", "2", "-wi", "1", "-i", "3", "-w", "200ms", "-r", "300ms", "-bm", "thrpt"});
        assertEquals(List.of("read", "direct-read"), a.ops());
        Options o = MicroMain.options(a);
        assertEquals(2, o.getForkCount().get());
        assertEquals(1, o.getWarmupIterations().get());
        assertEquals(3, o.getMeasurementIterations().get());
        assertEquals(300, o.getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS));
        assertEquals(List.of("read", "direct-read"), List.copyOf(o.getParameter("op").get()));
        assertEquals(List.of(Mode.AverageTime), List.copyOf(o.getBenchModes()), "always average time, whatever -bm says");
        assertEquals(TimeUnit.NANOSECONDS, o.getTimeUnit().get());
        assertEquals(ResultFormatType.JSON, o.getResultFormat().get());
        assertEquals(tmp.resolve("r.json").toString(), o.getResult().get());
        assertEquals(org.tracebench.loadgen.cli.LoadJvmOptions.OPTIONS, List.copyOf(o.getJvmArgsAppend().get()),
                "the forks get the load generator's JVM options");
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MicroMain.parse(new String[] {"--ops", "read"}));
        assertEquals("The option --json FILE is required.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MicroMain.parse(new String[] {"--json", "x", "--ops", "reed"}));
        assertTrue(e.getMessage().contains("unknown op kind 'reed'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MicroMain.parse(new String[] {"--json", "x", "--ops", "read", "-i", "many"}));
        assertTrue(e.getMessage().startsWith("Bad JMH options"), e.getMessage());
    }

    @Test
    void answersSentinelsUntilGoAndTreatsEndOfInputAsStop(@TempDir Path tmp) throws Exception {
        Path s = tmp.resolve("sentinel");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertTrue(MicroMain.awaitGo(new BufferedReader(new StringReader("SENTINEL " + s + "\nGO\n")), ps));
        assertTrue(Files.exists(s));
        assertEquals("SENTINEL-OK " + s + "\n", out.toString(StandardCharsets.UTF_8));
        assertFalse(MicroMain.awaitGo(new BufferedReader(new StringReader("")), ps));
        assertFalse(MicroMain.awaitGo(new BufferedReader(new StringReader("STOP\nGO\n")), ps));
    }

    @Test
    void processSaysReadyAndExitsWithoutRunningOnStop(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MicroMain.class.getName(),
                "--json", tmp.resolve("r.json").toString(), "--ops", "stat").redirectError(tmp.resolve("err.txt").toFile()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = p.getOutputStream()) {
            assertEquals("READY " + p.pid(), r.readLine());
            in.write("STOP\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals(null, r.readLine(), "nothing but protocol lines on stdout");
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(tmp.resolve("r.json")));
    }

    @Test
    void badOpsAnswerErrorAndExitTwo(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MicroMain.class.getName(),
                "--json", tmp.resolve("r.json").toString(), "--ops", "nope").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("ERROR The option --ops names an unknown op kind 'nope'.\n", out);
    }
}
