/** The engine: worker threads, warm-up, closed and open loops, wait-free recording, ground truth, setup and cleanup. */
package org.tracebench.loadgen.run;
