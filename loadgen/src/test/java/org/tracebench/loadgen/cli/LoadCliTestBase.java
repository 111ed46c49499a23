package org.tracebench.loadgen.cli;

import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code tracebench load} CLI tests share: a directory for task files, a work root, and the command. */
abstract class LoadCliTestBase {
    @TempDir Path dir;
    @TempDir Path root;
    final LoadCli cli = new LoadCli();
    final StringWriter out = cli.out;
    final StringWriter err = cli.err;

    int load(String... args) {
        return cli.run(args);
    }
}
