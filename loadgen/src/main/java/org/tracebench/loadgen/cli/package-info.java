/** The {@code load} command, its standalone entry point {@code LoadMain} and the harness control protocol. */
package org.tracebench.loadgen.cli;
