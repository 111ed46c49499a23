package org.tracebench.harness.bpfstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.WindowProbe;
import org.tracebench.tracers.testing.Requirements;

/** BPF run-time statistics: the sysctl switch and its restore, and real numbers from a running bpftrace. */
class BpfStatsTest {
    @TempDir
    Path tmp;

    @Test
    void theSwitchRestoresThePreviousValueWhenTheLastOneCloses() throws Exception {
        Path f = Files.writeString(tmp.resolve("bpf_stats_enabled"), "0\n");
        BpfStatsSwitch a = BpfStatsSwitch.enable(f, tmp.resolve("markers"));
        assertEquals("1", Files.readString(f).trim());
        Path marker = tmp.resolve("markers/bpf-stats-" + ProcessHandle.current().pid());
        assertEquals("0\n" + f + "\n", Files.readString(marker), "the value to restore if this JVM is killed");
        BpfStatsSwitch b = BpfStatsSwitch.enable(f, tmp.resolve("markers"));
        assertEquals("0", BpfStatsSwitch.savedValue());
        a.close();
        assertEquals("1", Files.readString(f).trim(), "still on while another switch is open");
        a.close(); // idempotent: must not close b's enablement
        assertEquals("1", Files.readString(f).trim());
        b.close();
        assertEquals("0", Files.readString(f).trim());
        assertFalse(Files.exists(marker), "restored: no marker");
        Files.writeString(f, "1\n");
        try (BpfStatsSwitch c = BpfStatsSwitch.enable(f, tmp.resolve("markers"))) {
            assertEquals("1", Files.readString(f).trim());
        }
        assertEquals("1", Files.readString(f).trim(), "a setting that was already on stays on");
    }

    @Test
    void aSettingLeftOnByAKilledHarnessIsPutBackUnlessALiveOneIsMeasuring() throws Exception {
        Path f = Files.writeString(tmp.resolve("bpf_stats_enabled"), "1\n");
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.writeString(markers.resolve("bpf-stats-" + gone.pid()), "0\n" + f + "\n");
        Path live = Files.writeString(markers.resolve("bpf-stats-" + ProcessHandle.current().pid()), "1\n" + f + "\n");
        assertEquals(List.of(stale), BpfStatsSwitch.staleMarkers(markers));
        assertEquals(null, BpfStatsSwitch.restoreStale(stale), "a live harness is measuring: leave the setting on");
        assertEquals("1", Files.readString(f).trim());
        assertTrue(Files.exists(stale), "kept for a later run");
        Files.delete(live);
        assertEquals(f + " back to 0", BpfStatsSwitch.restoreStale(stale));
        assertEquals("0", Files.readString(f).trim());
        assertEquals(List.of(), BpfStatsSwitch.staleMarkers(markers));
    }

    @Test
    void fdinfoAndBpftoolOutputAreParsed() {
        Map<String, String> m = BpfPrograms.parseFdinfo("pos:\t0\nprog_type:\t5\nprog_id:\t2753\nrun_time_ns:\t120\nrun_cnt:\t3\n");
        assertEquals("2753", m.get("prog_id"));
        assertEquals("120", m.get("run_time_ns"));
        Map<Long, BpfPrograms.Program> p = BpfPrograms.parseBpftool("[{\"id\":7,\"type\":\"tracepoint\",\"name\":\"sys_enter_opena\","
                + "\"run_time_ns\":5000,\"run_cnt\":10},{\"id\":8,\"type\":\"kprobe\",\"name\":\"x\"}]", java.util.Set.of(7L, 8L));
        assertEquals(new BpfPrograms.Program(7, "sys_enter_opena", "tracepoint", 5000, 10, "bpftool"), p.get(7L));
        assertEquals(0, p.get(8L).runCount(), "without statistics bpftool prints no run fields");
        BpfUsage u = BpfUsage.between(Map.of(7L, new BpfPrograms.Program(7, "a", "t", 1000, 4, "x")),
                Map.of(7L, new BpfPrograms.Program(7, "a", "t", 5000, 10, "x")), 2.0);
        assertEquals(4000, u.runTimeNs());
        assertEquals(6, u.runCount());
        assertEquals(4000.0 / 6, u.nsPerHit(), 1e-9);
        assertEquals(2e-6, u.cores(), 1e-15);
    }

    @Test
    void bpftraceProgramsReportPositiveRunTimeAndTheSysctlIsRestored() throws Exception {
        Requirements.requireRoot();
        Requirements.require(Files.isWritable(BpfStatsSwitch.SYSCTL), BpfStatsSwitch.SYSCTL + " is not writable here.");
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/bpftrace")) || Files.isExecutable(Path.of("/usr/sbin/bpftrace")),
                "bpftrace is not installed.");
        String before = Files.readString(BpfStatsSwitch.SYSCTL).trim();
        Process bt = new ProcessBuilder("bpftrace", "-e", "tracepoint:syscalls:sys_enter_openat { @n = count(); }")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(bt.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Attaching")) {
                // skip bpftrace's RLIMIT_MEMLOCK warning
            }
            assertNotNull(line, "bpftrace ended before attaching");
            List<Long> pids = List.of(bt.pid());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (BpfPrograms.of(pids, null).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertFalse(BpfPrograms.of(pids, null).isEmpty(), "bpftrace holds a bpf-prog fd once attached");

            Path file = Files.writeString(tmp.resolve("f.txt"), "x");
            Map<String, Object> json;
            BpfUsage usage;
            try (WindowProbe probe = WindowProbe.open(null, ProcessHandle.current().pid(), () -> pids)) {
                assertEquals("1", Files.readString(BpfStatsSwitch.SYSCTL).trim(), "statistics are on during the window");
                probe.begin();
                for (int i = 0; i < 2000; i++) Files.readAllBytes(file); // each an openat the probe counts
                probe.end();
                usage = probe.bpfUsage();
                json = probe.toJson();
            }
            assertEquals(before, Files.readString(BpfStatsSwitch.SYSCTL).trim(), "the previous setting is back");
            assertNotNull(usage);
            assertTrue(usage.runCount() >= 2000, "at least our 2000 opens ran the program: " + usage.runCount());
            assertTrue(usage.runTimeNs() > 0, "run time is positive");
            assertTrue(usage.nsPerHit() > 0 && usage.nsPerHit() < 1e6, "ns per hit is plausible: " + usage.nsPerHit());
            assertEquals("bpftool", usage.programs().get(0).source(), "bpftool named the program");
            assertTrue(json.get("bpfStats") instanceof Map<?, ?>, json.toString());
            assertTrue(((Number) json.get("tracerContextSwitches")).longValue() >= 0);
        } finally {
            bt.destroy();
            if (!bt.waitFor(20, TimeUnit.SECONDS)) bt.destroyForcibly().waitFor();
            assertEquals(before, Files.readString(BpfStatsSwitch.SYSCTL).trim());
        }
    }
}
