/** Process managers: workflows across aggregates that send commands in-process, exactly once in effect. */
package dev.sourced.runtime.process;
