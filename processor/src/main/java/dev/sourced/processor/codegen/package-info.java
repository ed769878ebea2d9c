/**
 * Writers, one per generated artifact: each turns the validated {@link dev.sourced.processor.model.AppModel}
 * into Java sources (with JavaPoet) or resources, through an {@link dev.sourced.processor.codegen.Output}.
 * Writers never see the round environment; everything they emit is sorted, without timestamps, so two
 * builds of the same sources produce byte-identical files.
 */
package dev.sourced.processor.codegen;
