/** Byte-level encodings shared by the log, segments and manifest: integers, varints, checksums. */
package dev.strata.backend.file.internal.format;
