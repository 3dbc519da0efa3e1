/** The manifest: which segments are live and where recovery starts, replaced atomically. */
package dev.strata.backend.file.internal.manifest;
