/**
 * The rules a Sourced application must follow and what breaking one produces: the
 * {@link dev.sourced.processor.validation.Diagnostic} catalogue, the
 * {@link dev.sourced.processor.validation.Report} (an entry found, and where), and the
 * {@link dev.sourced.processor.validation.ModelValidator}, which runs the rules that span several
 * classes (uniqueness, event revisions and upcaster chains, route collisions, unconsumed events, the commands
 * process managers send and the internal commands only they may send) on the
 * model read and returns their reports. A rule skips what reading left out as invalid, so one mistake is
 * reported once.
 */
package dev.sourced.processor.validation;
