package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-window flush, on the real page cache of a disk-backed file system. */
class DirtyPagesTest {
    @Test
    void syncWritesBackWhatABufferedWriteLeftDirty(@TempDir Path tmp) throws Exception {
        assumeFalse("tmpfs".equals(Files.getFileStore(tmp).type()), "tmpfs pages are never dirty: " + tmp);
        Files.write(tmp.resolve("dirty.bin"), new byte[16 << 20]); // buffered: 16 MiB of dirty pages until written back
        DirtyPages.Flush flush = DirtyPages.flush(Duration.ofSeconds(60));
        assertTrue(flush.finished(), "sync returned");
        assertTrue(flush.dirtyKbBefore() >= 8 << 10, "the write left at least 8 MiB dirty: " + flush.dirtyKbBefore() + " KiB");
        long after = DirtyPages.dirtyKb();
        assertTrue(after < flush.dirtyKbBefore() - (8 << 10), "sync wrote it back: " + flush.dirtyKbBefore() + " -> " + after + " KiB");
    }
}
