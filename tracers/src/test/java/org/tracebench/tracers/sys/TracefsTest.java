package org.tracebench.tracers.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.testing.Requirements;

class TracefsTest {

    private static Tracefs tracefs() {
        Requirements.requireRoot();
        Requirements.require(Tracefs.find().isPresent(), "tracefs is not mounted: " + Tracefs.MOUNT_FIX);
        return Tracefs.find().get();
    }

    @Test
    void findsSyscallTracepointsAndTheirPathFields() throws Exception {
        Tracefs fs = tracefs();
        assertTrue(fs.syscallTracepoints().containsAll(List.of("openat", "rename", "chmod", "unlinkat", "execve")));
        List<String[]> unlinkat = fs.fields("syscalls", "sys_enter_unlinkat");
        assertTrue(unlinkat.stream().anyMatch(f -> f[1].equals("pathname") && TracedSyscalls.isPathField(f[0], f[1])),
                "unlinkat's path field is pathname");
        assertFalse(fs.fields("syscalls", "sys_enter_execve").stream().anyMatch(f -> f[1].equals("argv") && TracedSyscalls.isPathField(f[0], f[1])));
        assertEquals(FileOp.CHMOD, TracedSyscalls.opOf("chmod"));
        assertEquals(FileOp.OTHER, TracedSyscalls.opOf("ioctl"));
    }

    @Test
    void eprobeProbeLeavesNothingBehindAndAgreesWithTheKernel() throws Exception {
        Tracefs fs = tracefs();
        boolean works = fs.eprobeProblem().isEmpty();
        String defs = Files.readString(fs.root().resolve("dynamic_events"));
        assertFalse(defs.contains("tbprobe" + ProcessHandle.current().pid()), "the probe definition is removed: " + defs);
        if (!works) assertTrue(fs.eprobeProblem().get().contains("dynamic_events"));
        boolean kprobes = fs.kprobeProblem().isEmpty();
        assertEquals(fs.hasKprobeEvents() && kprobes, kprobes, "no kprobe_events file means no kprobes");
        assertFalse(Files.readString(fs.root().resolve("dynamic_events")).contains("tbprobe" + ProcessHandle.current().pid()));
        assertEquals(9, fs.describe().size());
    }

    @Test
    void staleInstancesAreThoseOfDeadOwners() throws Exception {
        Tracefs fs = tracefs();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path stale = fs.instancesDir().resolve("tracebench-" + p.pid() + "-1");
        Path live = fs.instancesDir().resolve("tracebench-" + ProcessHandle.current().pid() + "-999999");
        Path users = fs.instancesDir().resolve("tracebench-" + p.pid() + "-12-01"); // a user's, by its form
        try {
            Files.createDirectory(stale);
            Files.createDirectory(live);
            Files.createDirectory(users);
            assertTrue(fs.staleInstances().contains(stale));
            assertFalse(fs.staleInstances().contains(live));
            assertFalse(fs.staleInstances().contains(users), "a name of another form is never tracebench's");
            Tracefs.removeInstance(stale);
            assertFalse(Files.exists(stale));
            Tracefs.removeInstance(stale); // idempotent
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(live);
            Files.deleteIfExists(users);
        }
    }
}
