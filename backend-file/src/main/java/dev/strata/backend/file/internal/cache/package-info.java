/** The block cache shared by the segments of one store. */
package dev.strata.backend.file.internal.cache;
