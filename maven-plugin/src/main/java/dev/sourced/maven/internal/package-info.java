/**
 * What the goals of {@code sourced-maven-plugin} do, in Java 17: the class path of an application's own JVM, the
 * local cloud's process and its restarts, the Lambda bundle, CDK synthesis, and the one-line checks that turn a
 * newcomer's set-up mistake (no Node.js, a port in use, no generated {@code SourcedApp}) into a cause and a fix.
 * The goals themselves ({@code dev.sourced.maven}) are Java 8 class files that check the JDK before calling here.
 */
package dev.sourced.maven.internal;
