package org.tracebench.harness.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinningTest {
    @TempDir Path dir;

    @Test void eachModeChoosesItsCpusFromTheAllowedOnes() {
        assertEquals(new Pinning.Cpus(List.of(), List.of()), Pinning.NONE.cpus(List.of(0, 1)));
        assertEquals(new Pinning.Cpus(List.of(3), List.of(3)), Pinning.SAME_CPU.cpus(List.of(1, 2, 3)));
        assertEquals(new Pinning.Cpus(List.of(2, 3), List.of(1)), Pinning.SEPARATE_CPUS.cpus(List.of(1, 2, 3)));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> Pinning.SEPARATE_CPUS.cpus(List.of(4)));
        assertTrue(one.getMessage().contains("at least two CPUs") && one.getMessage().contains("CPU 4"), one.getMessage());
    }

    @Test void aSuiteSaysItsPinningAndAMisspeltOneIsAnErrorWithTheNearestValue() throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "name: p\ntasks: [t.yaml]\ntracers: [strace]\npinning: separate-cpus\n");
        assertEquals(Pinning.SEPARATE_CPUS, SuiteParser.parse(ok).pinning());
        Path none = Files.writeString(dir.resolve("none.yaml"), "name: p\ntasks: [t.yaml]\ntracers: [strace]\n");
        assertEquals(Pinning.NONE, SuiteParser.parse(none).pinning());
        assertEquals(Pinning.NONE, SuiteParser.parse(none).withOverrides(null, 2, null, null).pinning());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: p\ntasks: [t.yaml]\ntracers: [strace]\npinning: seperate-cpus\n");
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(bad));
        String m = String.join("\n", e.problems());
        assertTrue(m.contains("bad.yaml:4:10: 'pinning' must be 'none', 'same-cpu' or 'separate-cpus', not 'seperate-cpus'.")
                && m.contains("Did you mean 'separate-cpus'?"), m);
    }
}
