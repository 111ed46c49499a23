package org.tracebench.harness.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tracebench} command. Every subcommand is a {@code Callable<Integer>}; exit codes: 0 ok, 1 runtime
 * failure, 2 bad input. Subcommands are registered explicitly in {@link #commandLine()}.
 */
@Command(name = "tracebench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measures what a Linux file-access tracer costs and what it misses.")
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        // OSHI logs through SLF4J; without a binding SLF4J warns on every start. tracebench reports its own errors.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered; tests drive it with setOut/setErr. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Registry of subcommands, one line each. picocli already exits 2 on bad usage and 1 on an exception.
        cl.addSubcommand("load", new org.tracebench.loadgen.cli.LoadCommand());
        cl.addSubcommand(new ValidateCommand(SuiteValidation::validate));
        cl.addSubcommand(new TracersCommand());
        cl.addSubcommand("doctor", new DoctorCommand());
        cl.addSubcommand(new RunCommand());
        cl.addSubcommand(new ReportCommand());
        cl.addSubcommand(new CompareCommand());
        cl.addSubcommand(new MicroCommand());
        // each subcommand's -V/--version (from mixinStandardHelpOptions) prints the same as tracebench --version
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new VersionProvider()));
        return org.tracebench.loadgen.cli.OptionErrors.install(cl);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand there is nothing to do: the full help, commands included, on stderr; bad usage (2). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return 2;
    }
}
