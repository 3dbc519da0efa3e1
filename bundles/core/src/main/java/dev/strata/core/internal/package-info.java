/**
 * Core's implementation: {@link dev.strata.core.internal.StorageServiceComponent} tracks backends and store
 * definitions, {@link dev.strata.core.internal.ManagedStore} is one store whose engine may come and go, and the rest
 * layers string keys, scans and retrying transactions over the SPI once for every backend.
 * <p>
 * Decisions: engines are opened synchronously in the callback that makes them possible (a backend appearing, a store
 * being defined), so a store's status is settled when the callback returns; an engine is closed only after every
 * operation that entered it has left (or after a grace period, when explicit transactions are abandoned), so a
 * backend that goes away never loses an acknowledged commit.
 */
package dev.strata.core.internal;
