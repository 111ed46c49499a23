package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** LoadMain as its own JVM, driven through the control protocol of docs/design.md. */
class ControlModeTest {
    @TempDir Path dir;
    @TempDir Path root;
    Process proc;
    BufferedReader stdout;
    PrintWriter stdin;

    @AfterEach void kill() throws Exception {
        if (proc != null && proc.isAlive()) {
            proc.destroyForcibly();
            proc.waitFor(10, TimeUnit.SECONDS);
        }
    }

    void start(String duration, String... tasks) throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), "tasks:\n" + String.join("\n", tasks) + "\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadMain.class.getName(), f.toString(),
                "--control", "stdio", "--json", dir.resolve("load.json").toString(), "--work-root", root.toString(),
                "--duration", duration, "--warmup", "100ms"));
        proc = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        stdout = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
        stdin = new PrintWriter(proc.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The next protocol line other than PROGRESS (sent once a second after GO; a slow run may show one). */
    String line() throws Exception {
        while (true) {
            String l = stdout.readLine();
            if (l == null) throw new AssertionError("stdout closed; stderr: " + Files.readString(dir.resolve("stderr.txt")));
            if (!l.startsWith("PROGRESS ")) return l;
        }
    }

    @Test void progressOnceASecondAfterGoThenDone() throws Exception {
        start("2500ms", "  - {op: stat, path: s}");
        assertEquals("READY " + proc.pid(), line());
        stdin.println("GO");
        List<Long> ops = new ArrayList<>();
        String l;
        while ((l = stdout.readLine()) != null && l.startsWith("PROGRESS ")) ops.add(Long.parseLong(l.substring(9)));
        assertTrue(ops.size() >= 2, "a PROGRESS line each second of a 2.6 s run: " + ops);
        for (int i = 1; i < ops.size(); i++) assertTrue(ops.get(i) > ops.get(i - 1), "the count grows: " + ops);
        result(l); // END, then DONE ends it: no PROGRESS after them
        assertEquals(null, stdout.readLine());
    }

    /** {@code endLine} must be END (the window is over), and the next line DONE; returns the result it names. */
    @SuppressWarnings("unchecked")
    Map<String, Object> result(String endLine) throws Exception {
        String[] end = endLine.split(" ");
        assertEquals("END", end[0], "END comes before DONE: " + endLine);
        assertEquals(3, end.length, "END carries the window's start and end (System.nanoTime): " + endLine);
        long start = Long.parseLong(end[1]), stop = Long.parseLong(end[2]);
        assertTrue(start <= stop && stop <= System.nanoTime(), "a window that ended before now, on this JVM's clock: " + endLine);
        String doneLine = line();
        assertTrue(doneLine.startsWith("DONE "), doneLine);
        Path json = Path.of(doneLine.substring(5));
        assertEquals(dir.resolve("load.json"), json);
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(json));
    }

    @Test void readySentinelGoDone() throws Exception {
        start("500ms", "  - {op: stat, path: s}", "  - {op: execute-subproc, path: \"true\"}");
        assertEquals("READY " + proc.pid(), line());
        Path sentinel = dir.resolve("sentinel");
        stdin.println("SENTINEL " + sentinel);
        assertEquals("SENTINEL-OK " + sentinel, line());
        assertTrue(Files.exists(sentinel));
        stdin.println("GO");
        Map<String, Object> r = result(line());
        assertEquals(null, stdout.readLine(), "nothing but protocol lines on stdout");
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue());
        assertEquals(proc.pid(), ((Number) r.get("pid")).longValue());
        assertEquals("VFORK", r.get("launchMechanism"), "exec ops without fork default to VFORK");
        Map<String, Object> gt = (Map<String, Object>) r.get("groundTruth");
        assertTrue(!((List<?>) gt.get("childPids")).isEmpty());
        assertTrue(Files.readString(dir.resolve("stderr.txt")).contains("ops/s"), "the table goes to stderr");
    }

    @Test void stopEndsALongRunEarlyAndStillWritesTheResult() throws Exception {
        start("10m", "  - {op: fork, path: \"true\"}");
        assertTrue(line().startsWith("READY "));
        stdin.println("GO");
        Path sentinel = dir.resolve("late-sentinel");
        stdin.println("SENTINEL " + sentinel);
        assertEquals("SENTINEL-OK " + sentinel, line(), "a sentinel is answered during the run too");
        stdin.println("STOP");
        Map<String, Object> r = result(line());
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue());
        assertEquals(true, r.get("stoppedEarly"));
        assertEquals("FORK", r.get("launchMechanism"), "a fork op makes the JVM fork+exec");
    }

    @Test void endOfInputBeforeGoIsStop() throws Exception {
        start("10m", "  - {op: stat, path: s}");
        assertTrue(line().startsWith("READY "));
        stdin.close();
        Map<String, Object> r = result(line());
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue());
        assertEquals(0.0, ((Number) r.get("durationSeconds")).doubleValue());
    }
}
