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
import java.util.concurrent.atomic.AtomicLong;
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
 * The load generator's ground truth for readdir holds the getdents64 calls strace sees: a real load generator lists a
 * directory of 3 000 long names (about 18 calls a listing, where the harness used to expect 2) under real strace
 * (root, strace installed).
 */
class ReaddirStraceTest {
    @TempDir Path tmp;

    @Test
    void theGroundTruthCountsTheGetdentsCallsStraceSeesOfALargeDirectory() throws Exception {
        StraceTracer strace = new StraceTracer();
        Requirements.requireAvailable(strace);
        Path big = Files.createDirectories(tmp.resolve("big")).toRealPath();
        for (int i = 0; i < 3000; i++) { // names of 100 to 255 bytes, in no order the kernel keeps
            Files.createFile(big.resolve(String.format("%04d-", i) + "x".repeat(95 + (i * 37) % 156)));
        }
        Path task = Files.writeString(tmp.resolve("readdir.yaml"), "name: readdir-big\ntasks:\n  - op: readdir\n"
                + "    path: " + big + "\n");
        Path json = tmp.resolve("load.json");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(LoadJvmOptions.forTask(1, Set.of(OpKind.READDIR)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.tracebench.loadgen.cli.LoadMain",
                task.toString(), "--workers", "1", "--duration", "1s", "--warmup", "0s", "--control", "stdio",
                "--json", json.toString(), "--work-root", tmp.resolve("wr").toString()));
        Path sentinel = tmp.resolve(".sentinel");
        AtomicLong getdents = new AtomicLong();
        List<TraceEvent> onBig = new ArrayList<>();
        try (TracedTarget t = TracedTarget.start(cmd, tmp.resolve("load-stderr.txt"), strace, Map.of(),
                Files.createDirectories(tmp.resolve("tracer")), sentinel, "test-readdir", Duration.ofSeconds(60),
                Duration.ofSeconds(5))) {
            t.process().go(); // strace attached after READY: the pre-READY JIT warm-up's listings are not traced
            t.process().awaitWindowEnd(Duration.ofSeconds(60), () -> false);
            t.process().awaitDone(Duration.ofSeconds(60), () -> false);
            t.stopTracer();
            t.session().events(e -> {
                if (!big.toString().equals(e.path())) return;
                onBig.add(e);
                if (e.op() == FileOp.READDIR) getdents.incrementAndGet();
            });
        }
        @SuppressWarnings("unchecked")
        GroundTruth truth = GroundTruth.fromLoadResult((Map<String, Object>) ResultsDir.readJson(json));
        GroundTruth.KindTruth readdir = truth.ops().get(OpKind.READDIR);
        assertTrue(readdir.count() > 0, "no readdir succeeded: " + Files.readString(tmp.resolve("load-stderr.txt")));
        assertTrue(readdir.getdents64Calls() > 10 * readdir.count(), "a large directory: " + readdir);
        assertEquals(getdents.get(), readdir.getdents64Calls(), "getdents64 calls strace saw on " + big
                + " against the ground truth's, for " + readdir.count() + " listings");

        // and the harness reads a tracer that lost every second getdents64 event as about half complete
        CompletenessChecker all = new CompletenessChecker(truth, strace.capabilities(Map.of()), Set.of(sentinel.toString()));
        CompletenessChecker half = new CompletenessChecker(truth, strace.capabilities(Map.of()), Set.of(sentinel.toString()));
        long n = 0;
        for (TraceEvent e : onBig) {
            all.accept(e);
            if (e.op() != FileOp.READDIR || n++ % 2 == 0) half.accept(e);
        }
        assertEquals(1.0, ratio(all));
        double r = ratio(half);
        assertTrue(r > 0.45 && r < 0.6, "half the getdents64 events lost: " + r);
    }

    @SuppressWarnings("unchecked")
    private static double ratio(CompletenessChecker c) {
        return (Double) ((Map<String, Object>) c.completeness().get("readdir")).get("ratio");
    }
}
