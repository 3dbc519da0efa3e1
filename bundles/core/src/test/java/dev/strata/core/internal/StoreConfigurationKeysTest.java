package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.strata.api.spi.support.BackendSettings;

/**
 * Backends accept core's store keys without declaring them ({@link BackendSettings#STORE_KEYS}); a key core's form
 * adds and that list lacks would make every backend refuse every store that sets it.
 */
class StoreConfigurationKeysTest {

    @Test
    void coresFormHasExactlyTheKeysBackendsAcceptAsCores() {
        assertEquals(BackendSettings.STORE_KEYS, BackendSettings.attributes(StoreConfiguration.class).keySet());
    }
}
