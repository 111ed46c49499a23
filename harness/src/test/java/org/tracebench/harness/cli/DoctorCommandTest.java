package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.tracers.testing.Requirements;
import picocli.CommandLine;

class DoctorCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** A pid that belonged to a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void reportsTheMachine() {
        String[] r = run("doctor");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("root: "));
        assertTrue(r[1].contains("tracefs: "));
        assertTrue(r[1].contains("cgroup v2: "));
        assertTrue(r[1].contains("CPU over 1.0 s before any trial: "), r[1]);
        // the test JVM is the JDK the project builds on (17): a load generator there has both
        assertTrue(r[1].contains("load generator JVM (Java " + Runtime.version() + "): JDK internals: yes; glibc stat"
                + " through the foreign-function API (for tasks that never fork or exec): "
                + (org.tracebench.loadgen.sys.ForeignStat.JVM_OPTIONS.isEmpty() ? "no, " : "yes")), r[1]);
    }

    @Test
    void cleanupWithoutRootIsRefusedBeforeAnything() {
        DoctorCommand doctor = new DoctorCommand();
        doctor.isRoot = () -> false;
        Executed r = Executed.run(doctor, "--cleanup");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out(), "nothing is looked at or removed");
        assertTrue(r.err().startsWith("tracebench doctor --cleanup needs root: "), r.err());
        assertTrue(r.err().contains("Run it again with sudo; tracebench doctor without --cleanup lists what it can see."), r.err());
    }

    @Test
    void withoutRootWhatCannotBeLookedAtIsNotCountedAsNone(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Requirements.require(Tracefs.find().isPresent(), "tracefs is not mounted: " + Tracefs.MOUNT_FIX);
        Path instances = Tracefs.find().get().instancesDir();
        Path stale = instances.resolve("tracebench-" + deadPid() + "-1"); // as a killed run leaves it
        Process marked = marked(deadPid()); // a root process nobody may not look into
        try {
            Files.createDirectory(stale);
            Executed r = AsNobody.run(tmp, Main.class.getName(), "doctor");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("root: no"), r.out());
            assertTrue(r.out().contains("\nstale tracefs instances: cannot tell without root (permission denied listing "
                    + instances + ")\n"), r.out());
            assertTrue(r.out().matches("(?s).*\nstale processes \\(tracers, load generators\\): cannot tell without root "
                    + "\\(permission denied reading the environment, where tracebench marks the processes it starts, of \\d+ processes"
                    + " of other users\\)\n.*"), r.out());
            assertTrue(r.out().contains("Run tracebench doctor as root to look for every kind."), r.out());
            r = AsNobody.run(tmp.resolve("again"), Main.class.getName(), "doctor", "--cleanup");
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(Files.isDirectory(stale));
        } finally {
            marked.destroyForcibly().waitFor();
            Tracefs.removeInstance(stale);
        }
    }

    @Test
    void aRemovalRefusedForWantOfRootSaysSoInOneSentence(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Requirements.require(Cgroups.v2Root().isPresent(), "cgroup v2 is not mounted on this machine.");
        Path stale = Cgroups.v2Root().get().resolve("tracebench-" + deadPid() + "-test-doctor-nobody");
        try {
            Files.createDirectory(stale);
            Executed r = AsNobody.run(tmp, RemoveLeftovers.class.getName(), tmp.resolve("no-work-root").toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("failed: cgroup " + stale + ": permission denied (removing it needs root)\n"), r.out());
            assertTrue(Files.isDirectory(stale));
        } finally {
            Files.deleteIfExists(stale);
        }
    }

    @Test
    void cleanupRemovesStaleInstancesAndCgroupsAndKeepsLiveOnes() throws Exception {
        Requirements.requireRoot();
        Requirements.require(Tracefs.find().isPresent(), "tracefs is not mounted: " + Tracefs.MOUNT_FIX);
        Requirements.require(Cgroups.v2Root().isPresent(), "cgroup v2 is not mounted on this machine.");
        long dead = deadPid();
        long me = ProcessHandle.current().pid();
        Path instances = Tracefs.find().get().instancesDir();
        Path cgRoot = Cgroups.v2Root().get();
        Path staleInstance = instances.resolve("tracebench-" + dead + "-1");
        Path liveInstance = instances.resolve("tracebench-" + me + "-999999");
        Path foreignInstance = instances.resolve("tracebench-notapid-doctortest");
        Path usersInstance = instances.resolve("tracebench-" + dead + "-12-01"); // a user's, like tracebench-2024-12-01
        Path staleCgroup = cgRoot.resolve("tracebench-" + dead + "-test-doctor");
        Path liveCgroup = cgRoot.resolve("tracebench-" + me + "-test-doctor");
        Path usersCgroup = cgRoot.resolve("tracebench-" + dead + "-mine");
        List<Path> made = new ArrayList<>(List.of(staleInstance, liveInstance, foreignInstance, usersInstance, staleCgroup,
                liveCgroup, usersCgroup));
        try {
            for (Path p : made) Files.createDirectory(p);
            Tracefs.write(staleInstance.resolve("events/sched/sched_process_exit/enable"), "1");
            String[] r = run("doctor", "--cleanup");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("removed tracefs instance " + staleInstance), r[1]);
            assertTrue(r[1].contains("removed cgroup " + staleCgroup), r[1]);
            assertFalse(Files.exists(staleInstance));
            assertFalse(Files.exists(staleCgroup));
            assertTrue(Files.isDirectory(liveInstance), "an instance whose owner lives is kept");
            assertTrue(Files.isDirectory(liveCgroup), "a cgroup whose owner lives is kept");
            assertTrue(Files.isDirectory(foreignInstance), "names not in tracebench-<pid>- format are never touched");
            assertTrue(Files.isDirectory(usersInstance), "an instance name tracebench never makes is never touched");
            assertTrue(Files.isDirectory(usersCgroup), "a cgroup name tracebench never makes is never touched");
        } finally {
            removeAll(made, instances);
        }
    }

    /**
     * Removes every path of {@code made}, instances with {@link Tracefs#removeInstance} (which waits out a moment's
     * EBUSY while anything holds one of an instance's files open), so one busy path leaves none of the others behind
     * for the next tests' leftover checks; then throws the first failure.
     */
    private static void removeAll(List<Path> made, Path instances) throws java.io.IOException {
        java.io.IOException first = null;
        for (Path p : made) {
            try {
                if (p.startsWith(instances)) Tracefs.removeInstance(p);
                else Files.deleteIfExists(p);
            } catch (java.io.IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    @Test
    void cleanupKillsTracerProcessesOfHarnessesThatAreGoneAndKeepsOthers() throws Exception {
        Requirements.requireRoot(); // reading other processes' environments
        Process orphan = marked(deadPid());
        Process owned = marked(ProcessHandle.current().pid());
        try {
            String[] r = run("doctor");
            assertTrue(r[1].contains("  stale process " + orphan.pid() + " (sleep)"), r[1]);
            assertTrue(r[1].contains("tracers and load generators die with a harness killed by SIGKILL: "), r[1]);
            r = run("doctor", "--cleanup");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("removed process " + orphan.pid() + " (sleep)"), r[1]);
            assertTrue(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "the orphan was killed");
            assertTrue(owned.isAlive(), "a process of a live harness (this JVM) is kept");
        } finally {
            orphan.destroyForcibly().waitFor();
            owned.destroyForcibly().waitFor();
        }
    }

    /** A sleep marked as started by the harness {@code harnessPid}, once it has exec'd. */
    private static Process marked(long harnessPid) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        pb.environment().put(org.tracebench.tracers.proc.HarnessBound.MARKER, Long.toString(harnessPid));
        Process p = pb.start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (!p.info().command().map(c -> c.endsWith("sleep")).orElse(false) && System.nanoTime() < end) Thread.sleep(10);
        return p;
    }

    @Test
    void cleanupRemovesTheWorkDirectoriesOfMicroRunsThatAreGone() throws Exception {
        Path parent = org.tracebench.harness.trial.StaleWorkRoots.microParent();
        long dead = deadPid();
        Path stale = parent.resolve("tracebench-micro-" + dead + "-strace-seccomp"); // as a micro killed by SIGKILL leaves it
        Path live = parent.resolve("tracebench-micro-" + ProcessHandle.current().pid() + "-strace");
        Path users = parent.resolve("tracebench-micro-" + dead + "-mine.d");
        List<Path> made = List.of(stale, live, users);
        try {
            Files.writeString(Files.createDirectories(stale.resolve(".tracer")).resolve("strace.txt"), "open(...)\n");
            Files.createDirectories(stale.resolve("tracebench-jmh-1"));
            Files.createFile(stale.resolve(".sentinel"));
            Files.createDirectories(live);
            Files.createDirectories(users);
            String[] r = run("doctor");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("  stale micro work directory " + stale + "\n"), r[1]);
            assertFalse(r[1].contains("micro work directory " + live), r[1]);
            r = run("doctor", "--cleanup");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("removed micro work directory " + stale), r[1]);
            assertFalse(Files.exists(stale));
            assertTrue(Files.isDirectory(live), "the directory of a running micro is kept");
            assertTrue(Files.isDirectory(users), "a name micro never makes is never touched");
        } finally {
            for (Path p : made) org.tracebench.harness.results.ResultsDir.deleteTree(p);
        }
    }

    @Test
    void cleanupRemovesTrialWorkRootsOfHarnessesThatAreGone() throws Exception {
        AutoCloseable restorer = NoLeftovers.defaultWorkRootRestorer();
        Path dir = org.tracebench.loadgen.task.TaskFiles.DEFAULT_WORK_ROOT.resolve("doctortest-" + ProcessHandle.current().pid());
        Requirements.require(Files.isWritable(Files.createDirectories(dir)), dir + " is not writable.");
        Path stale = Files.createDirectories(dir.resolve("run-" + deadPid() + "-t2").resolve("data"));
        Path live = Files.createDirectories(dir.resolve("run-" + ProcessHandle.current().pid() + "-t1"));
        // a task directory a killed load generator made for its root alone: it goes with the root
        Path alone = org.tracebench.loadgen.task.TaskFiles.DEFAULT_WORK_ROOT.resolve("doctortest-alone-" + ProcessHandle.current().pid());
        Path aloneRoot = Files.createDirectories(alone.resolve("run-" + deadPid() + "-t3"));
        try {
            String[] r = run("doctor");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("  stale trial work root " + stale.getParent()), r[1]);
            r = run("doctor", "--cleanup");
            assertEquals("0", r[0], r[1] + r[2]);
            assertTrue(r[1].contains("removed trial work root " + stale.getParent()), r[1]);
            assertFalse(Files.exists(stale.getParent()));
            assertTrue(Files.isDirectory(live), "the root of a running harness is kept, and so its directory");
            assertTrue(r[1].contains("removed trial work root " + aloneRoot), r[1]);
            assertFalse(Files.exists(alone), "the directory made for the stale root alone, left empty, is removed");
        } finally {
            org.tracebench.harness.results.ResultsDir.deleteTree(dir);
            if (Files.exists(alone)) org.tracebench.harness.results.ResultsDir.deleteTree(alone);
            restorer.close();
        }
    }
}
