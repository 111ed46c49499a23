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
    void theFunctionTracerLineSaysWhetherSettingItWorksAsTheShellFindsAndLeavesNoInstance() throws Exception {
        Tracefs fs = tracefs();
        String line = fs.describe().stream().filter(l -> l.startsWith("function tracer")).findFirst().orElseThrow();
        String mine = "tracebench-" + ProcessHandle.current().pid() + "-";
        try (var s = Files.list(fs.instancesDir())) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(mine)).toList(), "the probe's instance is removed");
        }
        // the same attempt by hand, in an instance of a name tracebench never makes
        Path instance = fs.instancesDir().resolve("tracefstest-" + ProcessHandle.current().pid());
        boolean sets;
        try {
            Files.createDirectory(instance);
            Process p = new ProcessBuilder("sh", "-c", "echo 0 > tracing_on && echo function > current_tracer && echo nop > current_tracer")
                    .directory(instance.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            sets = p.waitFor() == 0;
        } finally {
            try {
                Tracefs.write(instance.resolve("current_tracer"), "nop");
            } catch (java.io.IOException ignored) {
                // never set
            }
            Tracefs.removeInstance(instance);
        }
        assertFalse(Files.exists(instance));
        if (sets) {
            assertEquals("function tracer: yes (set and reset in a temporary tracefs instance)", line);
        } else {
            assertTrue(line.startsWith("function tracer: no, "), line);
            assertFalse(line.contains("listed: true"), line);
        }
    }

    @Test
    void anUnreadableFilterFunctionsListSaysWhatTheKernelAnswered() throws Exception {
        Tracefs fs = tracefs();
        String line = fs.describe().stream().filter(l -> l.startsWith("available_filter_functions")).findFirst().orElseThrow();
        Process cat = new ProcessBuilder("head", "-c", "1", fs.root().resolve("available_filter_functions").toString())
                .redirectErrorStream(true).start();
        String said = new String(cat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (cat.waitFor() == 0) {
            assertEquals("available_filter_functions: readable", line);
        } else if (said.contains("Operation not permitted")) { // as root: a security policy, not a missing option
            assertTrue(line.startsWith("available_filter_functions: not readable (operation not permitted, as root: a security"
                    + " policy refuses it; "), line);
            assertTrue(line.contains(Tracefs.LOCKDOWN.toString()), line);
        } else {
            assertTrue(line.startsWith("available_filter_functions: not readable ("), line);
        }
    }

    @Test
    void theLockdownModeIsTheBracketedOne(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("lockdown"), "none [integrity] confidentiality\n");
        assertEquals(java.util.Optional.of("integrity"), Tracefs.lockdownMode(file));
        assertEquals(java.util.Optional.empty(), Tracefs.lockdownMode(tmp.resolve("absent")));
        if (org.tracebench.tracers.proc.Probes.isRoot()) {
            java.io.IOException eperm = new java.nio.file.FileSystemException("/x", null, "Operation not permitted");
            assertEquals("operation not permitted, as root: a security policy refuses it; kernel lockdown is on (" + file
                    + ": integrity)", Tracefs.refusal(eperm, file));
            assertTrue(Tracefs.refusal(eperm, tmp.resolve("absent")).startsWith("operation not permitted, as root: a security"
                    + " policy refuses it; whether kernel lockdown does is unknown: " + tmp.resolve("absent") + " cannot be read"));
        }
        assertEquals("permission denied", Tracefs.refusal(new java.nio.file.AccessDeniedException("/x"), file));
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
