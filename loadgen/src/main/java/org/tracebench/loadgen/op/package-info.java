/** The operation kinds and their implementations: one system-call sequence per kind, as a C program would issue it. */
package org.tracebench.loadgen.op;
