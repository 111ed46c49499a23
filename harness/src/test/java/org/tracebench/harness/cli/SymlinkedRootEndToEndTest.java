package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.testing.Requirements;
import picocli.CommandLine;

/**
 * strace on a work root reached through a symbolic link, with {@code ..}, {@code .} and {@code //} in task paths:
 * strace names fds by their real path ({@code -y}) and folds path arguments lexically, the ground truth keeps them
 * as written. Before 2026-12-07 read was 0.0% seen here and stat's path recall about half.
 */
class SymlinkedRootEndToEndTest {

    @Test @SuppressWarnings("unchecked")
    void straceSeesEveryOperationOnASymlinkedWorkRoot(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Requirements.requireAvailable(TestTracers.named("strace"));
        Path real = Files.createDirectories(tmp.toRealPath().resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Files.writeString(tmp.resolve("t.yaml"), "name: t\nworkers: 1\nworkRoot: " + link + "/wr\nsetup:\n"
                + "  - {path: data/a.bin, size: 4KiB, content: random}\ntasks:\n"
                + "  - {op: read, path: data/../data/a.bin, size: 4KiB}\n"
                + "  - {op: stat, path: ./data//a.bin}\n"
                + "  - {op: create-delete, path: \"cd/{iteration}\"}\n");
        Path suite = Files.writeString(tmp.resolve("s.yaml"), "name: s\ntasks: [t.yaml]\ntracers: [strace]\n"
                + "workers: 1\nduration: 1s\nwarmup: 0s\nrepetitions: 1\norder: round-robin\ncooldown: 0s\nseed: 1\n");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(TestTracers::registry));
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        assertEquals(0, cl.execute(suite.toString(), "--out", tmp.resolve("out").toString()), o + "\n" + e);
        Path results = RunEndToEndTest.onlyResultsDir(tmp.resolve("out"));
        Map<String, Object> trial = null;
        for (Path t : RunEndToEndTest.trialDirs(results)) {
            Map<String, Object> m = RunEndToEndTest.json(t.resolve("trial.json"));
            if ("strace".equals(m.get("tracer"))) trial = m;
        }
        assertEquals("ok", trial.get("status"), String.valueOf(trial.get("invalidReason")));
        Map<String, Object> comp = (Map<String, Object>) trial.get("completeness");
        for (String kind : List.of("read", "stat", "create-delete")) {
            Map<String, Object> k = (Map<String, Object>) comp.get(kind);
            assertEquals(k.get("performed"), k.get("seen"), kind + ": " + k);
            assertEquals(1.0, k.get("pathRecall"), kind + ": " + k);
        }
    }
}
