package org.tracebench.loadgen.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw file calls against a real file system, in this JVM (which has the opens: the pom's argLine). */
class RawFilesTest {
    @TempDir Path dir;

    static RawFiles raw() {
        RawFiles r = RawFiles.createOrNull();
        assertNotNull(r, "JdkInternals unavailable in the test JVM: " + JdkInternals.unavailableReason());
        return r;
    }

    @Test void theTestJvmHasTheInternalsAndSaysNoReason() {
        assertTrue(JdkInternals.available(), () -> "unavailable: " + JdkInternals.unavailableReason());
        assertNull(JdkInternals.unavailableReason());
    }

    @Test void readFirstReadsTheFirstBytesAndStopsAtEndOfFile() throws Exception {
        Path f = Files.write(dir.resolve("f"), "0123456789".getBytes());
        RawFiles r = raw();
        ByteBuffer buf = ByteBuffer.allocateDirect(4);
        r.readFirst(f, buf, RawFiles.address(buf));
        assertEquals(4, buf.position());
        byte[] got = new byte[4];
        buf.flip().get(got);
        assertArrayEquals("0123".getBytes(), got);

        ByteBuffer big = ByteBuffer.allocateDirect(64); // longer than the file: stops at EOF
        r.readFirst(f, big, RawFiles.address(big));
        assertEquals(10, big.position());
    }

    @Test void theCachedNativePathFollowsAChangedPath() throws Exception {
        Path a = Files.write(dir.resolve("a"), "A".getBytes());
        Path sub = Files.createDirectories(dir.resolve("d".repeat(200)));
        Path longer = Files.write(sub.resolve("b".repeat(100)), "B".getBytes()); // outgrows the first native buffer
        RawFiles r = raw();
        for (Path p : new Path[] {a, longer, a}) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1);
            r.readFirst(p, buf, RawFiles.address(buf));
            assertEquals(Files.readAllBytes(p)[0], buf.get(0), p.toString());
        }
    }

    @Test void failuresCarryTheCLibrarysMessage() {
        RawFiles r = raw();
        IOException e = assertThrows(IOException.class, () -> r.openClose(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertThrows(IOException.class, () -> r.truncate(dir.resolve("no/such/dir"), 0, 0644));
        ByteBuffer buf = ByteBuffer.allocateDirect(4);
        IOException isDir = assertThrows(IOException.class, () -> r.readFirst(dir, buf, RawFiles.address(buf)));
        assertTrue(isDir.getMessage().contains("Is a directory"), isDir.getMessage());
    }

    @Test void truncateShrinksGrowsAndCreatesWithTheMode() throws Exception {
        RawFiles r = raw();
        Path f = Files.write(dir.resolve("t"), new byte[100]);
        r.truncate(f, 7, 0600);
        assertEquals(7, Files.size(f));
        r.truncate(f, 5000, 0600);
        assertEquals(5000, Files.size(f));
        Path created = dir.resolve("new");
        r.truncate(created, 3, 0600);
        assertEquals(3, Files.size(created));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
    }

    @Test void listCountCountsEveryEntryAndFailsOnAFile() throws Exception {
        RawFiles r = raw();
        for (int i = 0; i < 5; i++) Files.write(dir.resolve("e" + i), new byte[0]);
        assertEquals(5 + 2, r.listCount(dir)); // with "." and ".."
        IOException e = assertThrows(IOException.class, () -> r.listCount(dir.resolve("e0")));
        assertTrue(e.getMessage().contains("Not a directory"), e.getMessage());
    }

    @Test void openCloseLeavesNoDescriptorOpen() throws Exception {
        Path f = Files.write(dir.resolve("o"), new byte[1]);
        RawFiles r = raw();
        long before = openDescriptors();
        for (int i = 0; i < 1000; i++) r.openClose(f);
        ByteBuffer buf = ByteBuffer.allocateDirect(1);
        for (int i = 0; i < 1000; i++) r.readFirst(f, buf.clear(), RawFiles.address(buf));
        for (int i = 0; i < 1000; i++) r.truncate(f, 1, 0644);
        for (int i = 0; i < 1000; i++) r.listCount(dir);
        for (int i = 0; i < 1000; i++) assertThrows(IOException.class, () -> r.listCount(f));
        assertTrue(openDescriptors() < before + 10, "descriptors leaked: " + before + " -> " + openDescriptors());
    }

    static long openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
