package dev.sourced.processor.model;

import com.squareup.javapoet.ClassName;

/**
 * One event record at one revision.
 *
 * @param name the stable event name
 * @param revision its schema revision
 * @param type the record class
 */
public record EventType(String name, int revision, ClassName type) {}
