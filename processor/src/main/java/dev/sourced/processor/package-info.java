/**
 * The Sourced annotation processor. {@link dev.sourced.processor.SourcedProcessor} runs three stages:
 * read annotated elements into the model ({@code reading} → {@code model}), check the rules that span
 * classes ({@code validation}), print every report, and — when none is an error — write the generated
 * code and resources ({@code codegen}). It never depends on the runtime or on CDK: generated code is
 * compiled against the dependency-free {@code dev.sourced.spi} contract.
 */
package dev.sourced.processor;
