package dev.strata.backend.file.internal;

import java.nio.file.Path;

import dev.strata.api.Durability;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.spi.StorageEngine;

/** The second process of {@link StoreLockTest}: opens the store; exit 0 when it could, 1 when refused. */
public final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) {
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(Path.of(args[0]), Durability.OS))) {
            System.exit(0);
        } catch (StoreUnavailableException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
