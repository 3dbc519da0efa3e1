/**
 * The "example" backend: a sorted map held in memory and written to one file, {@code data.bin}, on commit.
 * <p>
 * How the pieces fit (read them in this order):
 * <ol>
 * <li>{@link org.example.strata.sortedfile.internal.SortedFileBackend}: the OSGi service core finds by its
 * {@code strata.backend=example} property; it declares capabilities and opens engines.</li>
 * <li>{@link org.example.strata.sortedfile.internal.SortedFileEngine}: one open store. Committed state is an
 * immutable sorted map; a commit copies it, applies the writes and swaps the reference.</li>
 * <li>{@link org.example.strata.sortedfile.internal.SortedFileTransaction}: a snapshot plus the transaction's own
 * writes.</li>
 * <li>{@link org.example.strata.sortedfile.internal.MapCursor}: walks a snapshot; the SPI support package's
 * {@code OverlayCursor} lays the own writes over it.</li>
 * <li>{@link org.example.strata.sortedfile.internal.DataFile}: the file format, checksum and atomic replace.</li>
 * </ol>
 * The package ends in {@code .internal} and is not exported: core talks to the backend only through the SPI
 * interfaces of {@code dev.strata.api.spi}, so nothing here is anyone else's API.
 */
package org.example.strata.sortedfile.internal;
