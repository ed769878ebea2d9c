/**
 * The Sourced annotation processor. {@link dev.sourced.processor.SourcedProcessor} runs three stages:
 * read annotated elements into the model ({@code model}), check it ({@code validation}), and write the
 * generated code and resources ({@code codegen}). It never depends on the runtime or on CDK: generated
 * code is compiled against the dependency-free {@code dev.sourced.spi} contract.
 */
package dev.sourced.processor;
