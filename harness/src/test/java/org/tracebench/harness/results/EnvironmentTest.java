package org.tracebench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Tracers;

class EnvironmentTest {
    private static final String KVM_GUEST = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse"
            + " sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid tsc_known_freq pni"
            + " pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor"
            + " lahf_lm abm 3dnowprefetch\nbugs\t\t: spectre_v1\n";
    private static final String BARE = KVM_GUEST.replace(" hypervisor", "");

    @Test
    void virtualizationPrefersDmiThenTheCpuinfoHypervisorFlag() {
        assertEquals("Standard PC (Q35 + ICH9, 2009)", Environment.virtualization("Standard PC (Q35 + ICH9, 2009)", KVM_GUEST));
        assertEquals("virtual machine (hypervisor flag in /proc/cpuinfo; no DMI product name)",
                Environment.virtualization("unknown", KVM_GUEST));
        assertEquals("unknown", Environment.virtualization("unknown", BARE));
        assertEquals("unknown", Environment.virtualization("unknown", "model name : hypervisor-like name\n"));
    }

    @Test
    void theEnvironmentNamesTheOptionsAForeignStatLoadGets() {
        java.util.Map<String, Object> env = Environment.describe(new oshi.SystemInfo());
        assertEquals(org.tracebench.loadgen.sys.ForeignStat.JVM_OPTIONS, env.get("loadForeignStatJvmArguments"));
        assertEquals(org.tracebench.loadgen.cli.LoadJvmOptions.BASE, env.get("loadJvmArguments"));
    }

    @Test
    void theLoadJvmArgumentsIncludeWhatTheHarnessPassesOn() {
        java.util.List<String> expected = new java.util.ArrayList<>(org.tracebench.loadgen.cli.LoadJvmOptions.BASE);
        expected.addAll(java.util.List.of("-Dtracebench.jdkInternals=false", "-XX:MaxDirectMemorySize=9g"));
        assertEquals(expected, Environment.loadJvmArguments(java.util.List.of("-XX:TieredStopAtLevel=1",
                "-Dtracebench.jdkInternals=false", "-XX:-UsePerfData", "-XX:MaxDirectMemorySize=9g")));
    }

    @Test
    void theBaselineHasNoTracerVersionRatherThanAnUnknownOne() {
        assertEquals("no tracer", Environment.tracerVersion(Tracers.byName("none")));
    }
}
