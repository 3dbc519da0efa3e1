/** Walking versioned entries: the iterator contract every source implements and the newest-wins merge. */
package dev.strata.backend.file.internal.read;
