package org.tracebench.loadgen.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    @Test void failuresAreTheJdksExceptionsForTheErrno() {
        RawFiles r = raw();
        IOException e = assertThrows(NoSuchFileException.class, () -> r.openClose(dir.resolve("missing")));
        assertEquals(dir.resolve("missing").toString(), e.getMessage()); // as FileChannel.open says it
        assertThrows(IOException.class, () -> r.truncate(dir.resolve("no/such/dir"), 0, 0644));
        ByteBuffer buf = ByteBuffer.allocateDirect(4);
        IOException isDir = assertThrows(IOException.class, () -> r.readFirst(dir, buf, RawFiles.address(buf)));
        assertTrue(isDir.getMessage().contains("Is a directory"), isDir.getMessage());
        assertThrows(NoSuchFileException.class, () -> r.unlink(dir.resolve("missing")));
        assertThrows(NoSuchFileException.class, () -> r.rmdir(dir.resolve("missing")));
        IOException rename = assertThrows(NoSuchFileException.class, () -> r.rename(dir.resolve("missing"), dir.resolve("to")));
        assertEquals(dir.resolve("missing") + " -> " + dir.resolve("to"), rename.getMessage()); // as Files.move
    }

    @Test void readFirstReturnsWhatItsOneReadGot() throws Exception {
        RawFiles r = raw();
        Path f = Files.write(dir.resolve("short"), new byte[100]);
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        assertEquals(100, r.readFirst(f, buf, RawFiles.address(buf)));
        assertEquals(0, r.readFirst(Files.write(dir.resolve("empty"), new byte[0]), buf.clear(), RawFiles.address(buf)));
    }

    @Test void renameAndItsRenameBackKeepBothPathsRight() throws Exception {
        RawFiles r = raw();
        Path a = Files.write(dir.resolve("a"), "A".getBytes());
        Path b = dir.resolve("a-renamed");
        Path longer = dir.resolve("c".repeat(250)); // outgrows the second slot's first buffer
        for (int i = 0; i < 3; i++) {
            r.rename(a, b);
            assertFalse(Files.exists(a));
            assertEquals("A", Files.readString(b));
            r.rename(b, a);
            assertEquals("A", Files.readString(a));
            assertFalse(Files.exists(b));
        }
        r.rename(a, longer);
        assertEquals("A", Files.readString(longer));
        r.rename(longer, b);
        assertEquals("A", Files.readString(b));
        r.unlink(b);
        Path d = Files.createDirectory(dir.resolve("d"));
        r.rmdir(d);
        assertFalse(Files.exists(d) || Files.exists(b));
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
        assertEquals(5 + 2, r.listCount(dir, null)); // with "." and ".."
        IOException e = assertThrows(java.nio.file.NotDirectoryException.class, () -> r.listCount(dir.resolve("e0"), null));
        assertEquals(dir.resolve("e0").toString(), e.getMessage()); // as Files.newDirectoryStream says it
    }

    @Test void chownPassesUidAndGidInTheirPlacesAndMinusOneKeepsThem() throws Exception {
        Path f = Files.write(dir.resolve("owned"), new byte[1]);
        RawFiles r = raw();
        int uid = (int) Files.getAttribute(f, "unix:uid"), gid = (int) Files.getAttribute(f, "unix:gid");
        r.chown(f, -1, -1); // loder's chown: a real call that changes nothing
        assertEquals(uid, (int) Files.getAttribute(f, "unix:uid"));
        assertEquals(gid, (int) Files.getAttribute(f, "unix:gid"));
        if (uid == 0) { // root may give the file to another group: gid goes where chown(2) expects it
            r.chown(f, -1, gid == 1 ? 2 : 1);
            assertEquals(0, (int) Files.getAttribute(f, "unix:uid"));
            assertEquals(gid == 1 ? 2 : 1, (int) Files.getAttribute(f, "unix:gid"));
        }
        assertThrows(NoSuchFileException.class, () -> r.chown(dir.resolve("missing"), -1, -1));
    }

    @Test void openCloseLeavesNoDescriptorOpen() throws Exception {
        Path f = Files.write(dir.resolve("o"), new byte[1]);
        RawFiles r = raw();
        long before = openDescriptors();
        for (int i = 0; i < 1000; i++) r.openClose(f);
        ByteBuffer buf = ByteBuffer.allocateDirect(1);
        for (int i = 0; i < 1000; i++) r.readFirst(f, buf.clear(), RawFiles.address(buf));
        for (int i = 0; i < 1000; i++) r.truncate(f, 1, 0644);
        for (int i = 0; i < 1000; i++) r.listCount(dir, null);
        for (int i = 0; i < 1000; i++) assertThrows(IOException.class, () -> r.listCount(f, null));
        assertTrue(openDescriptors() < before + 10, "descriptors leaked: " + before + " -> " + openDescriptors());
    }

    static long openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
