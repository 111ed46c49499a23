package org.tracebench.harness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.tracebench.loadgen.json.Json;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.Tracers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracebench tracers [--json]}: every tracer backend with its verdict here (available, or why not and the
 * command that fixes it), its version and its capabilities. Exit 0 even when backends are unavailable: listing
 * them is the point. {@code --json} prints one JSON document for machines.
 */
@Command(name = "tracers", mixinStandardHelpOptions = true,
        description = "Lists every tracer backend: available or not (with the reason and the fix), version, capabilities.")
public final class TracersCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Supplier<List<Tracer>> tracers;

    public TracersCommand() {
        this(Tracers::all);
    }

    /** With another source of backends (tests). */
    TracersCommand(Supplier<List<Tracer>> tracers) {
        this.tracers = tracers;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Tracer> all = tracers.get();
        if (json) {
            out.println(Json.write(toJson(all)));
        } else {
            printText(out, all);
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> toJson(List<Tracer> all) {
        List<Object> list = new ArrayList<>();
        for (Tracer t : all) {
            Availability a = t.availability();
            Capabilities c = t.capabilities();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("description", t.description());
            m.put("kind", t instanceof Tracer.Launching ? "launching" : "attaching");
            m.put("available", a.available());
            m.put("reason", a.available() ? null : a.reason());
            m.put("fixHint", a.fixHint().isEmpty() ? null : a.fixHint());
            m.put("version", a.version().orElse(null));
            Map<String, Object> caps = new LinkedHashMap<>();
            caps.put("withPath", names(c.withPath()));
            caps.put("countOnly", names(c.countOnly()));
            caps.put("execSeenAsOpen", c.execSeenAsOpen());
            caps.put("followsChildren", c.followsChildren());
            caps.put("reportsLostEvents", c.reportsLostEvents());
            caps.put("systemWide", c.systemWide());
            caps.put("notes", c.notes());
            m.put("capabilities", caps);
            m.put("options", new java.util.TreeMap<>(t.options()));
            list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "tracebench-tracers/1");
        doc.put("tracers", list);
        return doc;
    }

    /** Op kinds in declaration order, lower case, so output is stable. */
    private static List<String> names(java.util.Set<FileOp> ops) {
        List<String> out = new ArrayList<>();
        for (FileOp op : FileOp.values()) {
            if (ops.contains(op)) out.add(op.name().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static void printText(PrintWriter out, List<Tracer> all) {
        int width = all.stream().mapToInt(t -> t.name().length()).max().orElse(4);
        for (Tracer t : all) {
            Availability a = t.availability();
            Capabilities c = t.capabilities();
            String status = a.available() ? "available" : "UNAVAILABLE";
            out.println(String.format("%-" + width + "s  %-11s  %s", t.name(), status,
                    a.version().map(v -> "version " + v).orElse("")).stripTrailing());
            out.println("    " + t.description());
            if (!a.available()) {
                out.println("    why: " + a.reason());
                if (!a.fixHint().isEmpty()) out.println("    fix: " + a.fixHint());
            }
            if (!c.withPath().isEmpty()) out.println("    sees with path: " + String.join(", ", names(c.withPath())));
            if (!c.countOnly().isEmpty()) out.println("    counts only:    " + String.join(", ", names(c.countOnly())));
            if (c.execSeenAsOpen()) out.println("    exec seen as:   open of the executable by the new process");
            if (t instanceof Tracer.Launching || !c.withPath().isEmpty() || !c.countOnly().isEmpty()) {
                out.println("    children: " + yesNo(c.followsChildren()) + "   lost events reported: "
                        + yesNo(c.reportsLostEvents()) + "   system-wide: " + yesNo(c.systemWide())
                        + (t instanceof Tracer.Launching ? "   launches the target" : ""));
            }
            for (String note : c.notes()) out.println("    - " + note);
            new java.util.TreeMap<>(t.options()).forEach((k, v) -> out.println("    option " + k + ": " + v));
            out.println();
        }
    }

    private static String yesNo(boolean b) { return b ? "yes" : "no"; }
}
