/** Scheduled backups: a schedule per configuration of {@code dev.strata.backup.schedule}, with retention. */
package dev.strata.jobs.internal.schedule;
