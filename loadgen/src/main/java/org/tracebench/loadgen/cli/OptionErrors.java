package org.tracebench.loadgen.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reports a flag whose value cannot be converted as one sentence naming the flag, what it needs and what was found
 * (exit 2, no usage dump); every other usage error goes to picocli's default handler (message and usage).
 */
public final class OptionErrors implements CommandLine.IParameterExceptionHandler {
    private final CommandLine.IParameterExceptionHandler fallback;

    private OptionErrors(CommandLine.IParameterExceptionHandler fallback) { this.fallback = fallback; }

    /** Installs the handler on {@code cl} (and, as picocli propagates it, on its subcommands); returns {@code cl}. */
    public static CommandLine install(CommandLine cl) {
        return cl.setParameterExceptionHandler(new OptionErrors(cl.getParameterExceptionHandler()));
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) throws Exception {
        ArgSpec arg = ex.getArgSpec();
        if (arg == null || ex.getValue() == null || !ex.getMessage().startsWith("Invalid value for")) {
            return fallback.handleParseException(ex, args);
        }
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(sentence(arg, ex.getValue(), ex.getCause()));
        err.println("See `" + cl.getCommandSpec().qualifiedName() + " --help` for the options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** "--rate must be a number; found 'abc'." or, from our own converters, the flag and their sentence. */
    static String sentence(ArgSpec arg, String value, Throwable cause) {
        String flag = arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : arg.paramLabel();
        if (cause instanceof CommandLine.TypeConversionException && cause.getMessage().startsWith("must ")) {
            return flag + " " + cause.getMessage();
        }
        Class<?> t = arg.type();
        String needs;
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            needs = "a whole number";
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            needs = "a number";
        } else if (t.isEnum()) {
            needs = "one of " + java.util.Arrays.toString(t.getEnumConstants());
        } else {
            needs = "a valid " + arg.paramLabel();
        }
        return flag + " must be " + needs + "; found '" + value + "'.";
    }
}
