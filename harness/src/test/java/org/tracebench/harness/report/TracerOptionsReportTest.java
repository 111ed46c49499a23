package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.md and the .tex tables state the options of a tracer whose label does not name them. */
class TracerOptionsReportTest {
    @TempDir Path tmp;

    @Test
    void aPlainEntrysOptionsAreStatedAndAMatrixEntrysAreLeftToItsLabel() throws Exception {
        Path dir = CompareDifferencesTest.copy(tmp, "r", m -> {
            Map<String, Object> asRun = new LinkedHashMap<>(JsonMaps.map(m, "suiteAsRun"));
            asRun.put("tracers", List.of(Map.of("name", "none", "options", Map.of()),
                    Map.of("name", "strace", "options", Map.of("syscalls", "openat,read,chmod")),
                    Map.of("name", "ftrace", "options", Map.of("bufferSizeKb", "256"), "variant", "bufferSizeKb=256"),
                    Map.of("name", "fatrace", "options", Map.of())));
            m.put("suiteAsRun", asRun);
            return m;
        });
        Analysis a = Analysis.of(ResultsReader.read(dir));
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| options of strace | syscalls=openat,read,chmod |\n"), md);
        assertFalse(md.contains("options of ftrace") || md.contains("options of fatrace") || md.contains("options of none"), md);
        for (LatexTables.Table t : LatexTables.render(a)) {
            String tex = new String(t.bytes(), StandardCharsets.UTF_8);
            assertTrue(tex.contains("\n% Tracer options (not in the tracer's name): strace syscalls=openat,read,chmod.\n"),
                    t.fileName() + ":\n" + tex);
        }
    }

    @Test
    void aMatrixEntrysPlainOptionsAreStatedBesideItsLabel() throws Exception {
        Map<String, Object> bpftrace = new LinkedHashMap<>(); // options: {strLen: 64, perfRbPages: 8}, matrix: {mode: [counts]}
        bpftrace.put("name", "bpftrace");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("strLen", "64");
        options.put("perfRbPages", "8");
        options.put("mode", "counts");
        bpftrace.put("options", options);
        bpftrace.put("variant", "mode=counts");
        Path dir = CompareDifferencesTest.copy(tmp, "r", m -> {
            Map<String, Object> asRun = new LinkedHashMap<>(JsonMaps.map(m, "suiteAsRun"));
            asRun.put("tracers", List.of(Map.of("name", "none", "options", Map.of()), bpftrace,
                    Map.of("name", "strace", "options", Map.of("syscalls", "openat,chmod"), "variant", "syscalls=openat,chmod")));
            m.put("suiteAsRun", asRun);
            return m;
        });
        Analysis a = Analysis.of(ResultsReader.read(dir));
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| options of bpftrace[mode=counts] | strLen=64 perfRbPages=8 |\n"), md);
        assertFalse(md.contains("options of strace"), md);
        for (LatexTables.Table t : LatexTables.render(a)) {
            String tex = new String(t.bytes(), StandardCharsets.UTF_8);
            assertTrue(tex.contains("\n% Tracer options (not in the tracer's name): bpftrace[mode=counts] strLen=64 perfRbPages=8.\n"),
                    t.fileName() + ":\n" + tex);
        }
    }
}
