package org.tracebench.loadgen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;
import org.tracebench.loadgen.cli.LoadJvmOptions;
import org.tracebench.loadgen.op.LaunchMechanisms;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.op.Ops;
import org.tracebench.loadgen.task.OpOptions;

/** What one benchmark iteration does besides the timed operation, as micro's report labels it, and how it execs. */
class OpBenchmarkTest {

    @Test
    void undoNamesExactlyTheKindsWhoseRestoreDoesSomething() {
        for (OpKind k : OpKind.values()) {
            boolean restores = Ops.create(k, OpOptions.DEFAULTS, pid -> { }, false).hasRestore();
            assertEquals(restores, OpBenchmark.undo(k) != null, k.yamlName());
        }
        assertEquals("rmdir", OpBenchmark.undo(OpKind.MKDIR));
    }

    @Test
    void eachExecKindsForkStartsChildrenWithTheLoadGeneratorsMechanism(@TempDir Path tmp) throws Exception {
        for (OpKind k : OpKind.values()) {
            if (k.family() != OpKind.Family.EXEC) continue;
            String load = LaunchMechanisms.effective(TestTasks.file(TestTasks.spec(k, "/bin/true"))).jdkName();
            assertEquals(load, OpBenchmark.launch(k).jdkName(), k.yamlName());
            // A fresh JVM, as a JMH fork: the JDK fixes the mechanism at its first child process.
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(LoadJvmOptions.forTask(1, List.of(k)));
            cmd.addAll(List.of("-Dtracebench.bench.dir=" + tmp, "-cp", System.getProperty("java.class.path"),
                    BenchLaunchProbe.class.getName(), k.yamlName()));
            Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("err.txt").toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String err = Files.readString(tmp.resolve("err.txt"));
            assertEquals(0, p.exitValue(), err);
            assertEquals(load, out, k.yamlName() + " in a benchmark fork, as in load");
            assertTrue(err.contains("OpBenchmark " + k.yamlName() + ": launch mechanism " + load), err);
            assertFalse(err.contains("without the load generator's JVM options"), err);
        }
    }

    @Test
    void aForkWithoutTheLoadGeneratorsOptionsIsNamed() {
        assertEquals(List.of(), OpBenchmark.missingJvmOptions(LoadJvmOptions.forWorkers(1)));
        assertTrue(OpBenchmark.missingJvmOptions(List.of("-Xmx1g")).contains("-XX:+UseSerialGC"));
    }

    @Test
    void zeroForksIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MicroMain.parse(new String[] {"--json", "r.json", "--ops", "stat", "-f", "0"}));
        assertEquals("The option -f must be at least 1: with 0 forks JMH would run in this process, without the load"
                + " generator's JVM options.", e.getMessage());
    }
}
