package org.tracebench.harness.cli;

import java.util.ArrayList;
import java.util.List;
import org.tracebench.tracers.Tracer;

/** The tracer registry the harness tests run with, and the subset that can run here. */
final class TestTracers {
    private TestTracers() {}

    static List<Tracer> registry() {
        List<Tracer> l = new ArrayList<>(RunPlanning.registeredTracers());
        // ftrace and bpftrace until the tracers registry lists them (branch wt-tracers2 adds their lines)
        if (l.stream().noneMatch(t -> t.name().equals("ftrace"))) l.add(new org.tracebench.tracers.ftrace.FtraceTracer());
        if (l.stream().noneMatch(t -> t.name().equals("bpftrace"))) l.add(org.tracebench.tracers.bpftrace.BpftraceTracer.tracepoints());
        return l;
    }

    /** Available backends other than none. */
    static List<Tracer> availableReal() {
        return registry().stream().filter(t -> !t.name().equals("none") && t.availability().available()).toList();
    }
}
