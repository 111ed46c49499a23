package org.tracebench.loadgen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.tracebench.loadgen.cli.LoadJvmOptions;
import org.tracebench.loadgen.op.OpKind;

/**
 * {@link OpBenchmark} under the harness's control, for {@code tracebench micro}:
 * {@code java -cp tracebench.jar org.tracebench.loadgen.bench.MicroMain --json RESULT.json --ops read,stat
 * [--bench-dir DIR] [JMH options]} ({@code --bench-dir}: where the benchmark's files go, in this JVM and its forks).
 * Speaks the control protocol of docs/design.md on stdin/stdout: {@code READY <pid>}, then {@code SENTINEL <path>}
 * (answered {@code SENTINEL-OK <path>}) until {@code GO}; on GO it runs JMH in this process (its forks are child
 * processes, so a tracer following children or a cgroup sees them), writes JMH's JSON to RESULT.json and answers
 * {@code DONE <path>}, then exits 0. A failure answers {@code ERROR <sentence>} and exits 1; STOP or the end of
 * stdin before GO exits 0 without running. stdout carries only protocol lines; JMH's own log goes to stderr.
 * The mode is always average time in ns/op, whatever the JMH options say, so results stay comparable.
 */
public final class MicroMain {
    private MicroMain() {}

    /** The parsed command line: where JMH's JSON goes, the op kinds, and JMH's own options. */
    record Args(Path json, List<String> ops, Path benchDir, CommandLineOptions jmh) {}

    public static void main(String[] argv) {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but protocol lines on stdout
        Args args;
        try {
            args = parse(argv);
        } catch (IllegalArgumentException e) {
            protocol.println("ERROR " + oneLine(e.getMessage()));
            System.exit(2);
            return;
        }
        int code = run(args, protocol);
        System.exit(code);
    }

    /** Parses {@code --json FILE --ops a,b [JMH options]}; the message of the exception names the bad argument. */
    static Args parse(String[] argv) {
        Path json = null;
        List<String> ops = null;
        Path benchDir = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--json" -> json = Path.of(value(argv, ++i, "--json")).toAbsolutePath();
                case "--ops" -> ops = ops(value(argv, ++i, "--ops"));
                case "--bench-dir" -> benchDir = Path.of(value(argv, ++i, "--bench-dir")).toAbsolutePath();
                default -> rest.add(argv[i]);
            }
        }
        if (json == null) throw new IllegalArgumentException("The option --json FILE is required.");
        if (ops == null) throw new IllegalArgumentException("The option --ops a,b is required.");
        CommandLineOptions jmh;
        try {
            jmh = new CommandLineOptions(rest.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("Bad JMH options " + rest + ": " + e.getMessage(), e);
        }
        if (jmh.getForkCount().orElse(1) < 1) {
            throw new IllegalArgumentException("The option -f must be at least 1: with 0 forks JMH would run in this"
                    + " process, without the load generator's JVM options.");
        }
        return new Args(json, ops, benchDir, jmh);
    }

    private static String value(String[] argv, int i, String name) {
        if (i >= argv.length) throw new IllegalArgumentException("The option " + name + " needs a value.");
        return argv[i];
    }

    private static List<String> ops(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            String op = s.trim();
            if (op.isEmpty()) continue;
            OpKind kind = OpKind.byName(op).orElseThrow(
                    () -> new IllegalArgumentException("The option --ops names an unknown op kind '" + op + "'."));
            out.add(kind.yamlName());
        }
        if (out.isEmpty()) throw new IllegalArgumentException("The option --ops names no op kind.");
        return out;
    }

    /** JMH options for {@link OpBenchmark#operation} with the given ops, in ns/op, JSON to {@code args.json()}. */
    static Options options(Args args) {
        OptionsBuilder b = new OptionsBuilder();
        // The forks run with the load generator's JVM options, so JMH measures the ops as a traced run performs them
        // (for the op set as one task: foreign stat only when nothing forks, as LoadJvmOptions.foreignStat says).
        List<String> forkArgs = new ArrayList<>(LoadJvmOptions.forTask(1,
                args.ops().stream().map(o -> OpKind.byName(o).orElseThrow()).toList()));
        if (args.benchDir() != null) {
            // OpBenchmark's files go where the harness removes them even when a killed fork skips its TearDown.
            System.setProperty("tracebench.bench.dir", args.benchDir().toString());
            forkArgs.add("-Dtracebench.bench.dir=" + args.benchDir());
        }
        b.jvmArgsAppend(forkArgs.toArray(String[]::new));
        return b.parent(args.jmh())
                .include("^" + Pattern.quote(OpBenchmark.class.getName()) + "\\.operation$")
                .param("op", args.ops().toArray(String[]::new))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .resultFormat(ResultFormatType.JSON).result(args.json().toString())
                .build();
    }

    private static int run(Args args, PrintStream protocol) {
        // Other JMH runs on the machine hold /tmp/jmh.lock; the harness runs one micro process at a time itself.
        System.setProperty("jmh.ignoreLock", "true");
        protocol.println("READY " + ProcessHandle.current().pid());
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!awaitGo(in, protocol)) return 0;
            Files.deleteIfExists(args.json());
            Runner runner = new Runner(options(args), OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL));
            var results = runner.run();
            if (results.isEmpty() || !Files.isRegularFile(args.json())) {
                protocol.println("ERROR JMH produced no result for the ops " + args.ops() + "; see the JMH log on stderr.");
                return 1;
            }
            protocol.println("DONE " + args.json());
            return 0;
        } catch (Exception e) {
            e.printStackTrace(System.err);
            protocol.println("ERROR JMH failed: " + oneLine(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    /** Answers SENTINEL lines until GO (true) or STOP / end of input (false). */
    static boolean awaitGo(BufferedReader in, PrintStream protocol) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            String l = line.strip();
            if (l.equals("GO")) return true;
            if (l.equals("STOP")) return false;
            if (l.startsWith("SENTINEL ")) {
                Path p = Path.of(l.substring("SENTINEL ".length()).strip()).toAbsolutePath();
                try (OutputStream o = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    o.flush();
                }
                protocol.println("SENTINEL-OK " + p);
            } else if (!l.isEmpty()) {
                System.err.println("Ignoring unknown control line '" + l + "': expected SENTINEL <path>, GO or STOP.");
            }
        }
        return false;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
