/**
 * The contract between the code the annotation processor generates and the runtime that runs it. Domain
 * code never uses these types; generated dispatchers implement them with plain method calls (no
 * reflection), and the runtime, the local cloud and the test kit drive an application only through them.
 * They live beside the annotations so generated code compiles with this dependency-free jar alone.
 */
package dev.sourced.spi;
