package org.tracebench.loadgen.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.tracebench.loadgen.task.TaskFiles;
import picocli.CommandLine;

/** Drives {@code tracebench load} as a black box through picocli, with an empty stdin, collecting what it prints. */
final class LoadCli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs {@code load} with {@code args}; returns its exit code. */
    int run(String... args) {
        CommandLine cl = new CommandLine(new LoadCommand(TaskFiles::load, new ByteArrayInputStream(new byte[0])));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }
}
