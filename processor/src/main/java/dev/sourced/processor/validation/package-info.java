/**
 * The rules a Sourced application must follow, checked on the model before anything is written: the
 * {@link dev.sourced.processor.validation.Diagnostic} catalogue, the
 * {@link dev.sourced.processor.validation.Reporter} that puts each message on the offending element, and
 * the {@link dev.sourced.processor.validation.ModelValidator} for rules that span several classes
 * (duplicates, upcaster chains, view types, route collisions).
 */
package dev.sourced.processor.validation;
