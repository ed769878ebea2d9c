/**
 * Replay: rebuilding a projection from the event store (see docs/replay.md). A projection's replay workflow
 * (a Step Functions state machine, run by the local cloud too) calls its replay reader, {@link
 * dev.sourced.runtime.replay.ProjectionReplay}, to start, to read scan segments into the projection's replay
 * queue, to watch that queue drain, and to mark the projection version ready.
 */
package dev.sourced.runtime.replay;
