package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.trial.TracedTarget;
import org.tracebench.loadgen.cli.LoadJvmOptions;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.strace.StraceTracer;
import org.tracebench.tracers.testing.Requirements;

/**
 * One binary written two ways by two exec kinds (through a symlinked directory, as {@code /bin/true} is
 * {@code /usr/bin/true} on a merged-/usr system): a real load generator under real strace (root, strace installed),
 * which prints each execve's path as written. Both kinds read 100%, as strace saw every exec; they read 50% and 100%
 * when a form was owned only by the kind that had it.
 */
class ExecSpellingsStraceTest {
    @TempDir Path tmp;

    @Test
    void bothKindsOfOneBinaryUnderTwoSpellingsReadComplete() throws Exception {
        StraceTracer strace = new StraceTracer();
        Requirements.requireAvailable(strace);
        Path real = Path.of("/bin/true").toRealPath();
        Path viaLink = Files.createSymbolicLink(tmp.resolve("bin"), real.getParent()).resolve(real.getFileName());
        Path task = Files.writeString(tmp.resolve("mixform.yaml"), "name: mixform\ntasks:\n"
                + "  - op: execute-subproc\n    path: " + real + "\n"
                + "  - op: execute-subthread\n    path: " + viaLink + "\n");
        Path json = tmp.resolve("load.json");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(LoadJvmOptions.forTask(1, Set.of(OpKind.EXECUTE_SUBPROC, OpKind.EXECUTE_SUBTHREAD)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.tracebench.loadgen.cli.LoadMain",
                task.toString(), "--workers", "1", "--duration", "1s", "--warmup", "0s", "--control", "stdio",
                "--json", json.toString(), "--work-root", tmp.resolve("wr").toString()));
        Path sentinel = tmp.resolve(".sentinel");
        List<TraceEvent> events = new ArrayList<>();
        try (TracedTarget t = TracedTarget.start(cmd, tmp.resolve("load-stderr.txt"), strace, Map.of(),
                Files.createDirectories(tmp.resolve("tracer")), sentinel, "test-exec-spellings", Duration.ofSeconds(60),
                Duration.ofSeconds(5))) {
            t.process().go();
            t.process().awaitWindowEnd(Duration.ofSeconds(60), () -> false);
            t.process().awaitDone(Duration.ofSeconds(60), () -> false);
            t.stopTracer();
            t.session().events(events::add);
        }
        @SuppressWarnings("unchecked")
        GroundTruth truth = GroundTruth.fromLoadResult((Map<String, Object>) ResultsDir.readJson(json));
        long subproc = truth.ops().get(OpKind.EXECUTE_SUBPROC).count();
        long subthread = truth.ops().get(OpKind.EXECUTE_SUBTHREAD).count();
        assertTrue(subproc > 0 && subthread > 0, "no exec succeeded: " + Files.readString(tmp.resolve("load-stderr.txt")));
        long asWritten = events.stream().filter(e -> e.op() == FileOp.EXEC && e.success() && real.toString().equals(e.path())).count();
        long viaLinkExecs = events.stream().filter(e -> e.op() == FileOp.EXEC && e.success() && viaLink.toString().equals(e.path())).count();
        assertEquals(subproc, asWritten, "strace prints the subproc kind's execve as written");
        assertEquals(subthread, viaLinkExecs, "and the subthread kind's through the link");

        CompletenessChecker c = new CompletenessChecker(truth, strace.capabilities(Map.of()), Set.of(sentinel.toString()));
        events.forEach(c);
        for (String k : List.of("execute-subproc", "execute-subthread")) {
            @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) c.completeness().get(k);
            assertEquals(1.0, r.get("ratio"), k + ": " + r);
            assertEquals(true, r.get("sharedPaths"), k + ": " + r);
        }
    }
}
