package org.tracebench.tracers.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.testing.Requirements;

/** What doctor's tracefs lines say to a user who may not look into tracefs: that it cannot tell, not that the kernel lacks it. */
class TracefsNonRootTest {

    /** tracefs's root, after skipping (with the reason) where the test cannot run as nobody or nobody is not refused. */
    private static Path tracefsClosedToNobody() throws Exception {
        Requirements.requireRoot();
        Requirements.require(Tracefs.find().isPresent(), "tracefs is not mounted: " + Tracefs.MOUNT_FIX);
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is missing");
        Path root = Tracefs.find().get().root();
        Requirements.require(!Files.getPosixFilePermissions(root).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE),
                root + " is open to every user here, so nobody is refused");
        return root;
    }

    @Test
    void permissionDeniedIsNotReportedAsAMissingKernelFeature(@TempDir Path tmp) throws Exception {
        Path root = tracefsClosedToNobody();
        String out = asNobody(tmp, "org.tracebench.tracers.sys.Tracefs.find().get().describe().forEach(System.out::println);");
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("kprobe events: cannot tell without root (permission denied reading " + root + ")"), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("syscall tracepoints: cannot tell without root")), out);
        assertFalse(out.contains("CONFIG_KPROBES") || out.contains("no dynamic_events file") || out.contains("tracepoints: 0"), out);
    }

    @Test
    void staleInstancesAreNotReportedAsNoneToAUserWhoMayNotLook(@TempDir Path tmp) throws Exception {
        tracefsClosedToNobody();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = Tracefs.find().get().instancesDir().resolve("tracebench-" + dead.pid() + "-1");
        try {
            Files.createDirectory(stale);
            String out = asNobody(tmp, "try { System.out.println(org.tracebench.tracers.sys.Tracefs.find().get().staleInstances()); }"
                    + " catch (java.io.IOException e) { System.out.println(e.getClass().getSimpleName()); }");
            assertEquals("AccessDeniedException", out.trim(), "an instance exists that nobody may see: " + out);
        } finally {
            Tracefs.removeInstance(stale);
        }
    }

    /** The output of {@code body} run as the main method of a class, as user nobody (65534), with this module's classes. */
    private static String asNobody(Path tmp, String body) throws Exception {
        Path classes = Path.of(Tracefs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path main = tmp.resolve("Main.java");
        Files.writeString(main, "public class Main { public static void main(String[] a) throws Exception { " + body + " } }");
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classes.toString(), main.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
