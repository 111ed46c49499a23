package org.tracebench.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One execution of a picocli command in this JVM, as the CLI tests drive them: exit code, stdout, stderr. */
record Executed(int code, String out, String err) {
    /** Executes {@code command} (a command object) with {@code args}. */
    static Executed run(Object command, String... args) {
        return run(new CommandLine(command), args);
    }

    /** Executes {@code cl} with {@code args}, capturing its stdout and stderr. */
    static Executed run(CommandLine cl, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        return new Executed(code, o.toString(), e.toString());
    }
}
