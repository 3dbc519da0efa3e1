package dev.strata.api;

import java.util.Objects;

/**
 * An installed backend.
 *
 * @param type         its {@code strata.backend} type
 * @param bundle       the symbolic name of the bundle that provides it
 * @param version      that bundle's version
 * @param capabilities what it declares it can do
 */
public record BackendInfo(String type, String bundle, String version, BackendCapabilities capabilities) {

    public BackendInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
