/** The {@code strata:*} job commands for the Gogo shell. */
package dev.strata.jobs.internal.shell;
