/** A tiny JSON writer (no dependency); JSON is read back with SnakeYAML. */
package org.tracebench.loadgen.json;
