/**
 * The archive file format shared by backups and cold-tier archives: a checksummed header, chunks of entries
 * (compressed, optionally sealed with AES-GCM whose associated data binds the header and the chunk's own frame
 * header, so chunks cannot be swapped, dropped or reordered undetected), a manifest chunk and a trailer. See the
 * bundle README for the byte layout.
 */
package dev.strata.jobs.internal.archive;
