/** The jobs: backup, restore, verify, migrate, cold-tier archive and maintenance, over the public Store API. */
package dev.strata.jobs.internal.work;
