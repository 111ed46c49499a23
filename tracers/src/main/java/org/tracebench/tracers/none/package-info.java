/** The {@code none} backend: the untraced baseline. */
package org.tracebench.tracers.none;
