/** File access behind a seam (channel factory), the store directory lock and I/O error translation. */
package dev.strata.backend.file.internal.io;
