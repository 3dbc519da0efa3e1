/**
 * The backend SPI. A backend is an ordered, transactional byte-key engine: a bundle registers a
 * {@link dev.strata.api.spi.StorageBackend} service with the property {@code strata.backend=<type>} (use
 * {@link dev.strata.api.spi.StrataBackend}), and core layers everything richer (string keys, scans by pattern,
 * retries, documents, TTL, caching, metrics) on top of it. Backends depend on api-bundle only, and prove themselves
 * with the conformance kit in api-bundle's test-jar.
 */
@Export
@Version("1.4.0")
package dev.strata.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
