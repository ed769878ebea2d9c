/** The local cloud's EventBridge Scheduler: one-time schedules that send to local queues. */
package dev.sourced.local.scheduler;
