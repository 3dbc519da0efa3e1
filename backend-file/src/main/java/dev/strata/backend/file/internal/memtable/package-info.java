/** The in-memory table of recent commits, multi-versioned for snapshot reads. */
package dev.strata.backend.file.internal.memtable;
