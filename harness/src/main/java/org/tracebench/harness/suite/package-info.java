/** Suite files: the model ({@link org.tracebench.harness.suite.Suite}), its safe parser with file:line:column errors, and the trial plan it expands to. */
package org.tracebench.harness.suite;
