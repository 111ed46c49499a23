package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.Tracers;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/** {@code tracebench tracers [--json]} against the real registry (the backends probe this machine). */
class TracersCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void listsEveryBackendWithItsVerdict() {
        assertEquals(0, run(Main.commandLine(), "tracers"), err.toString());
        String text = out.toString();
        for (Tracer t : Tracers.all()) {
            assertTrue(text.contains(t.name() + " "), t.name() + " in\n" + text);
            if (!t.availability().available()) assertTrue(text.contains("why: " + t.availability().reason()), text);
        }
        assertTrue(text.contains("sees with path: open, read, write, close"), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsOneDocumentWithEveryBackend() {
        assertEquals(0, run(Main.commandLine(), "tracers", "--json"), err.toString());
        Map<String, Object> doc = new Yaml().load(out.toString());
        assertEquals("tracebench-tracers/1", doc.get("schema"));
        List<Map<String, Object>> list = (List<Map<String, Object>>) doc.get("tracers");
        assertEquals(Tracers.names(Tracers.all()), list.stream().map(m -> m.get("name")).toList());
        for (Map<String, Object> m : list) {
            assertTrue(m.get("available") instanceof Boolean);
            Map<String, Object> caps = (Map<String, Object>) m.get("capabilities");
            assertTrue(caps.get("withPath") instanceof List);
            if (m.get("name").equals("fatrace")) {
                assertEquals(List.of("open", "read", "write", "close"), caps.get("withPath"));
                assertEquals(Boolean.TRUE, caps.get("systemWide"));
            }
            if (m.get("name").equals("strace-seccomp")) assertEquals("launching", m.get("kind"));
            Map<String, Object> options = (Map<String, Object>) m.get("options");
            if (m.get("name").equals("none")) assertEquals(Map.of(), options);
            if (m.get("name").equals("bpftrace")) assertTrue(options.containsKey("probes") && options.containsKey("mode"), options.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnavailableBackendShowsReasonAndFix() {
        Tracer missing = new Tracer() {
            public String name() { return "missing"; }
            public String description() { return "a backend whose tool is absent"; }
            public Availability availability() { return Availability.unavailable("missing is not installed.", "apt-get install -y missing"); }
            public Capabilities capabilities() {
                return new Capabilities(Set.of(FileOp.OPEN), Set.of(), false, false, false, List.of());
            }
        };
        assertEquals(0, run(new CommandLine(new TracersCommand(() -> List.of(missing))), "--json"));
        Map<String, Object> m = ((List<Map<String, Object>>) ((Map<String, Object>) new Yaml().load(out.toString())).get("tracers")).get(0);
        assertEquals(false, m.get("available"));
        assertEquals("missing is not installed.", m.get("reason"));
        assertEquals("apt-get install -y missing", m.get("fixHint"));
        assertNull(m.get("version"));
        out.getBuffer().setLength(0);
        assertEquals(0, run(new CommandLine(new TracersCommand(() -> List.of(missing)))));
        assertTrue(out.toString().contains("UNAVAILABLE"), out.toString());
        assertTrue(out.toString().contains("fix: apt-get install -y missing"), out.toString());
    }
}
