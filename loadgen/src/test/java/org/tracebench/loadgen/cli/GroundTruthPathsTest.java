package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result's ground truth names each path also as the kernel does, resolved before cleanup removes the work root. */
class GroundTruthPathsTest {
    @TempDir Path dir;
    final LoadCli cli = new LoadCli();

    @Test @SuppressWarnings("unchecked")
    void aSymlinkedWorkRootAndDotsGetRealPathsEvenForDeletedFiles() throws Exception {
        Path real = Files.createDirectories(dir.toRealPath().resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Path f = Files.writeString(dir.resolve("t.yaml"), """
                setup:
                  - {path: data/a.bin, size: 4096, content: random}
                tasks:
                  - {op: read, path: data/../data/a.bin, size: 4096}
                  - {op: stat, path: ./data//a.bin}
                  - {op: create-delete, path: "cd/{iteration}"}
                """);
        Path result = dir.resolve("load.json");
        String wr = link + "/wr";
        assertEquals(0, cli.run(f.toString(), "--duration", "200ms", "--warmup", "0s", "--work-root", wr,
                "--json", result.toString()), cli.err.toString());
        assertFalse(Files.exists(real.resolve("wr")), "the work root is gone, so the harness could not resolve it");
        Map<String, Object> ops = (Map<String, Object>) ((Map<String, Object>) LoadCommandTest.json(result)
                .get("groundTruth")).get("ops");
        Map<String, Object> read = (Map<String, Object>) ops.get("read");
        assertEquals(List.of(wr + "/data/../data/a.bin"), read.get("paths"), "paths stay as written");
        assertEquals(Map.of(wr + "/data/../data/a.bin", real + "/wr/data/a.bin"), read.get("realPaths"));
        Map<String, Object> stat = (Map<String, Object>) ops.get("stat");
        assertEquals(Map.of(wr + "/./data/a.bin", real + "/wr/data/a.bin"), stat.get("realPaths"));
        Map<String, Object> cd = (Map<String, Object>) ops.get("create-delete");
        List<String> paths = (List<String>) cd.get("paths");
        Map<String, String> cdReal = (Map<String, String>) cd.get("realPaths");
        assertTrue(!paths.isEmpty() && paths.size() == cdReal.size(), cdReal.size() + " of " + paths.size());
        for (String p : paths) assertEquals(real + "/wr/cd/" + Path.of(p).getFileName(), cdReal.get(p));
    }

    @Test @SuppressWarnings("unchecked")
    void readdirsGroundTruthCountsItsGetdentsCallsAndNoOtherKindHasThem() throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), """
                tasks:
                  - {op: readdir, path: empty}
                  - {op: stat, path: empty}
                """);
        Path result = dir.resolve("load.json");
        assertEquals(0, cli.run(f.toString(), "--duration", "200ms", "--warmup", "0s", "--work-root",
                dir.resolve("wr").toString(), "--json", result.toString()), cli.err.toString());
        Map<String, Object> ops = (Map<String, Object>) ((Map<String, Object>) LoadCommandTest.json(result)
                .get("groundTruth")).get("ops");
        Map<String, Object> readdir = (Map<String, Object>) ops.get("readdir");
        long count = ((Number) readdir.get("count")).longValue();
        assertTrue(count > 0, readdir.toString());
        assertEquals(2 * count, ((Number) readdir.get("getdents64Calls")).longValue(), "the created directory is empty");
        assertFalse(((Map<String, Object>) ops.get("stat")).containsKey("getdents64Calls"), ops.toString());
    }
}
