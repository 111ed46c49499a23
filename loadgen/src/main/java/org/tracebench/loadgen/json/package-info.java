/** A tiny dependency-free JSON writer ({@link org.tracebench.loadgen.json.Json}); JSON is read with SnakeYAML. */
package org.tracebench.loadgen.json;
