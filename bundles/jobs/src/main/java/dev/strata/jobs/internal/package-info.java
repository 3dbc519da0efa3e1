/**
 * The job service: a queue with a concurrency limit, cooperative cancel, a shared throttle and a history kept in
 * the runtime's system store. The jobs themselves are in {@code work}, the archive format in {@code archive}, the
 * Gogo commands in {@code shell}.
 */
package dev.strata.jobs.internal;
