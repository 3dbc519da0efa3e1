package dev.strata.console.client;

import java.util.List;

/**
 * One installed backend as the backends view lists it: the bundle behind it and what it declares it can do.
 *
 * @param untrackedFigures engine figures it does not track (shown as "n/a" on the dashboard)
 * @param stores           the stores defined on it
 */
public record BackendRow(String type, String bundle, long bundleId, String version, String state,
        List<String> durabilityLevels, List<String> isolationLevels, boolean persistent, boolean encryption,
        boolean compression, boolean nativeTtl, boolean nativeSnapshot, List<String> untrackedFigures,
        List<String> stores) {

    public BackendRow {
        durabilityLevels = List.copyOf(durabilityLevels);
        isolationLevels = List.copyOf(isolationLevels);
        untrackedFigures = List.copyOf(untrackedFigures);
        stores = List.copyOf(stores);
    }
}
