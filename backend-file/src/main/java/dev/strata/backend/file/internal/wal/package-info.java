/** The write-ahead log: record format, group-commit writer, replay with torn-tail and damage rules. */
package dev.strata.backend.file.internal.wal;
