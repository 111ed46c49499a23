package org.tracebench.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;

/** Canonical forms of written paths on real directories and symbolic links, present and gone. */
class RealPathsTest {
    @TempDir Path tmp;

    @Test void symlinksDotsAndGoneDirectoriesResolveAsTheKernelNamesThem() throws Exception {
        Path real = Files.createDirectories(tmp.toRealPath().resolve("real/wr/data"));
        Files.writeString(real.resolve("a.bin"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real.getParent().getParent());
        String wr = link + "/wr";
        String realWr = real.getParent().toString();
        RealPaths r = new RealPaths();
        assertEquals(realWr + "/data/a.bin", r.of(wr + "/data/../data/a.bin"), "through the link, .. after it");
        assertEquals(realWr + "/data/a.bin", r.of(wr + "/./data/a.bin"));
        assertEquals(realWr + "/gone/x", r.of(wr + "/gone/sub/../x"), "a gone directory: its existing ancestor");
        assertEquals(realWr + "/data/created-and-deleted-7", r.of(wr + "/data/created-and-deleted-7"));
        Files.createSymbolicLink(real.resolve("a.bin-soft-link"), real.resolve("a.bin"));
        assertEquals(realWr + "/data/a.bin-soft-link", r.of(wr + "/data/a.bin-soft-link"), "the link, not its target");
        assertEquals(realWr + "/data/a.bin", r.of(realWr + "/data/a.bin"), "a canonical path stays");
    }

    @Test void onlyPathsThatChangeAreListed() throws Exception {
        Path real = Files.createDirectories(tmp.toRealPath().resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        GroundTruth g = new GroundTruth(1, List.of(), Map.of(OpKind.STAT, new GroundTruth.PathSet(3,
                List.of(link + "/s", real + "/t"), false))).withRealPaths();
        assertEquals(Map.of(link + "/s", real + "/s"), g.ops().get(OpKind.STAT).realPaths());
        assertEquals(Map.of(link + "/s", real + "/s"), ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) g.toJson().get("ops"))
                .get("stat")).get("realPaths")));
    }
}
