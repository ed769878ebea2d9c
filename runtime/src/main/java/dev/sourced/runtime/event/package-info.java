/** Event revisions: turning stored events of any revision into the newest one before handlers see them. */
package dev.sourced.runtime.event;
