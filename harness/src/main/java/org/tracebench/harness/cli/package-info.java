/** The command line: a tiny main and one picocli {@code Callable<Integer>} per subcommand. */
package org.tracebench.harness.cli;
