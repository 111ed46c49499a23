package org.tracebench.loadgen.cli;

import java.io.PrintWriter;
import org.tracebench.loadgen.sys.FileNameCharset;
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

    /**
     * Installs the handler on {@code cl} (and, as picocli propagates it, on its subcommands), and one that reports a
     * path the locale cannot encode as a sentence (exit 2) instead of a stack trace; returns {@code cl}.
     */
    public static CommandLine install(CommandLine cl) {
        CommandLine.IExecutionExceptionHandler thrown = cl.getExecutionExceptionHandler();
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            // a path from a file (a suite's task list, an allowPath) that the locale's file-name encoding cannot hold
            if (e instanceof java.nio.file.InvalidPathException ip && !FileNameCharset.canEncode(ip.getInput())) {
                c.getErr().println("'" + ip.getInput() + "' cannot be a path here: " + FileNameCharset.why());
                c.getErr().flush();
                return c.getCommandSpec().exitCodeOnInvalidInput();
            }
            if (thrown == null) throw e;
            return thrown.handleExecutionException(e, c, parsed);
        });
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
        if (!FileNameCharset.canEncode(value) && (invalidPath(cause) || isPath(arg))) {
            return flag + " must be a path this JVM can encode; found '" + value + "': " + FileNameCharset.why();
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

    /** A Path or a list of them: picocli converts to Path reflectively and drops the InvalidPathException. */
    private static boolean isPath(ArgSpec arg) {
        return java.nio.file.Path.class.isAssignableFrom(arg.type())
                || java.util.Arrays.stream(arg.auxiliaryTypes()).anyMatch(java.nio.file.Path.class::isAssignableFrom);
    }

    private static boolean invalidPath(Throwable t) {
        for (int i = 0; t != null && i < 5; t = t.getCause(), i++) {
            if (t instanceof java.nio.file.InvalidPathException) return true;
        }
        return false;
    }
}
