/**
 * The goals of {@code sourced-maven-plugin} ({@code mvn sourced:help -Ddetail} lists them with their parameters).
 * These classes are compiled for Java 8 so that, on a JDK older than 17, Maven can still load them and they say so in
 * one line; they hold the parameters and call {@code dev.sourced.maven.internal}, which is Java 17, after that check.
 */
package dev.sourced.maven;
