package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT warm-up before READY profiles the recording path the measured run takes, so C2's code for it is not
 * thrown out inside the window: a real load generator JVM runs 2.5 s (crossing two second boundaries of its time
 * series) with {@code -XX:+LogCompilation}, and no uncommon trap may name {@code Worker.succeeded}. Before the
 * warm-up rolled the time series over, one did at the first second boundary of every run.
 */
class WindowDeoptTest {
    @TempDir Path dir;

    @Test void theMeasuredRunsSecondBoundariesDeoptimiseNothingInTheRecordingPath() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[4096]);
        Path task = Files.writeString(dir.resolve("t.yaml"), "name: deopt\ntasks:\n  - op: stat\n    paths: [\""
                + file + "\"]\n  - op: read\n    paths: [\"" + file + "\"]\n    size: 4096\n");
        Path log = dir.resolve("compilation.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + log,
                "-cp", System.getProperty("java.class.path"), "org.tracebench.loadgen.cli.LoadMain", task.toString(),
                "--workers", "1", "--duration", "2500ms", "--warmup", "0s", "--work-root", dir.resolve("root").toString(),
                "--json", dir.resolve("out.json").toString()));
        Path out = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        assertEquals(0, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        String xml = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(xml.contains("Worker succeeded"), "the log covers the recording path (C2 compiled it)");
        // <uncommon_trap thread=... reason=...> followed by its <jvms .../> frames, innermost first
        Matcher m = Pattern.compile("<uncommon_trap thread='[^']*' reason='([^']*)'[^>]*>((?:\\s*<jvms [^>]*/>)+)").matcher(xml);
        List<String> inRecording = new ArrayList<>();
        while (m.find()) {
            if (m.group(2).contains("org.tracebench.loadgen.run.Worker succeeded")) inRecording.add(m.group(1) + ": " + m.group(2).strip());
        }
        assertEquals(List.of(), inRecording, "traps in Worker.succeeded");
    }
}
