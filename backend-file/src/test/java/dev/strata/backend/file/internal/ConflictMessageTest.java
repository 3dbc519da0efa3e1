package dev.strata.backend.file.internal;

import static dev.strata.backend.file.internal.Stores.bytes;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.strata.api.ConflictException;
import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conflict names the store and the key, so an operator with many stores can tell where it happened. */
class ConflictMessageTest {

    @TempDir
    Path temp;

    @Test
    void theConflictMessageNamesTheStoreAndTheKey() {
        try (StorageEngine engine = new TestFileBackend().open(Stores.config(temp, Durability.OS))) {
            EngineTransaction first = engine.begin(TransactionMode.READ_WRITE);
            first.put(bytes("contended"), bytes("first"));
            Stores.put(engine, "contended", "second");
            ConflictException conflict = assertThrows(ConflictException.class, first::commit);
            assertTrue(conflict.getMessage().contains("store 'test'") && conflict.getMessage().contains("contended"),
                    conflict.getMessage());
        }
    }
}
