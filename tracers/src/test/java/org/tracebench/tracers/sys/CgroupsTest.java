package org.tracebench.tracers.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;

class CgroupsTest {

    @Test
    void findsCgroup2InHybridAndUnifiedMountinfo() {
        List<String> hybrid = List.of(
                "25 30 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
                "26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw",
                "27 25 0:24 / /sys/fs/cgroup/cpu rw shared:11 - cgroup cgroup rw,cpu");
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), MountInfo.mountPointOf("cgroup2", hybrid));
        List<String> unified = List.of("30 1 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate");
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), MountInfo.mountPointOf("cgroup2", unified));
        assertEquals(Optional.empty(), MountInfo.mountPointOf("tracefs", unified));
    }

    @Test
    void unescapesOctalInMountPoints() {
        List<String> lines = List.of("40 1 0:30 / /mnt/with\\040space rw - tracefs nodev rw");
        assertEquals(Optional.of(Path.of("/mnt/with space")), MountInfo.mountPointOf("tracefs", lines));
    }

    @Test
    void createMoveAndRemoveACgroupWithARealProcess() throws Exception {
        Requirements.requireRoot();
        Requirements.require(Cgroups.v2Root().isPresent(), "cgroup v2 is not mounted on this machine.");
        Path dir;
        try (TargetHandle target = TargetHandle.start(); Cgroups.Cgroup cg = Cgroups.create("test")) {
            dir = cg.dir();
            assertTrue(Files.isDirectory(dir));
            cg.addProcess(target.pid());
            assertEquals(List.of(target.pid()), cg.pids());
            assertTrue(Files.readString(Path.of("/proc/" + target.pid() + "/cgroup")).contains(dir.getFileName().toString()));
            assertFalse(Cgroups.stale().contains(dir), "a cgroup whose owner (this JVM) lives is not stale");
        }
        assertFalse(Files.exists(dir), "close() removes the cgroup even with the process still alive at that time");
    }

    @Test
    void ownerAliveReadsThePidFromTheName() {
        assertTrue(Cgroups.ownerAlive("tracebench-" + ProcessHandle.current().pid() + "-t3"));
        assertFalse(Cgroups.ownerAlive("tracebench-999999999-t3"));
        assertFalse(Cgroups.ownerAlive("tracebench-999999999-micro-strace-seccomp"));
        assertFalse(Cgroups.ownerAlive("tracebench-999999999-test-fatrace"));
        assertTrue(Cgroups.ownerAlive("tracebench-notapid"), "names not in our format are never treated as stale");
    }

    @Test
    void namesOfOtherFormsAreNeverTracebenchs() {
        for (String nearMiss : List.of("tracebench-2024-12-01", "tracebench-999999999", "tracebench-999999999-3",
                "tracebench-999999999-t", "tracebench-999999999-t3x", "tracebench-999999999-micro-", "tracebench-0999-t1",
                "tracebench-999999999-micro-Strace", "tracebench-999999999-mine", "tracebench-999999999-t3-old")) {
            assertEquals(java.util.OptionalLong.empty(), Cgroups.ownerPid(nearMiss), nearMiss);
            assertTrue(Cgroups.ownerAlive(nearMiss), nearMiss + " is not ours, so never stale");
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Cgroups.create("12-01"));
    }
}
