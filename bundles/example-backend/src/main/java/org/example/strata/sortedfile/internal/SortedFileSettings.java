package org.example.strata.sortedfile.internal;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.support.BackendSettings;
import dev.strata.api.spi.support.SettingValues;

/**
 * The store settings this backend reads, checked once when a store opens: {@link BackendSettings#read} refuses keys
 * it does not know and converts the others; sizes go through {@link SettingValues}.
 *
 * @param maxValueBytes the largest value a put accepts ({@code example.maxValueSize})
 */
record SortedFileSettings(long maxValueBytes) {

    static final String MAX_VALUE_SIZE = "example.maxValueSize";

    static SortedFileSettings from(EngineConfig config) {
        SortedFileConfiguration typed = BackendSettings.read(config, SortedFileConfiguration.class);
        long maxValueBytes = SettingValues.size(MAX_VALUE_SIZE, typed.example_maxValueSize());
        if (maxValueBytes > ByteKeys.MAX_VALUE_BYTES) {
            throw new InvalidArgumentException("store '" + config.storeName() + "': " + MAX_VALUE_SIZE
                    + " must be at most " + ByteKeys.MAX_VALUE_BYTES + ", was " + maxValueBytes);
        }
        return new SortedFileSettings(maxValueBytes);
    }
}
