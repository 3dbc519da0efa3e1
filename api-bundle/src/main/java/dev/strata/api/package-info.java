/**
 * The Strata client API: {@link dev.strata.api.StorageService} lists stores, {@link dev.strata.api.Store} is one
 * store with key-value operations, scans and transactions, and {@link dev.strata.api.StorageException} is the root
 * of every error. Applications compile against this package only.
 */
@Export
@Version("1.4.0")
package dev.strata.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
