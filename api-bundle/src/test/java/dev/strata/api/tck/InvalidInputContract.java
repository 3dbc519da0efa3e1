package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.QuotaExceededException;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.ByteKeys;
import dev.strata.api.spi.EngineTransaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Null, empty and oversized input is refused with a typed error, and the store is left as it was. */
public interface InvalidInputContract extends EngineContract {

    private void assertRefusedAndNothingChanged(Class<? extends Throwable> type, Executable attempt) {
        List<String> before = allKeys();
        String value = get("existing");
        assertThrows(type, attempt);
        assertEquals(before, allKeys(), "no key appeared or vanished");
        assertEquals(value, get("existing"), "no value changed");
    }

    private void inWriteTransaction(java.util.function.Consumer<EngineTransaction> work) {
        try (EngineTransaction tx = engine().begin(TransactionMode.READ_WRITE)) {
            tx.put(bytes("valid-in-same-tx"), bytes("x"));
            work.accept(tx);
            tx.commit();
        }
    }

    @Test
    default void nullKeysAreRefused() {
        put("existing", "v");
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.put(null, bytes("v"))));
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.delete(null)));
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.get(null)));
    }

    @Test
    default void emptyKeysAreRefused() {
        put("existing", "v");
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.put(new byte[0], bytes("v"))));
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.delete(new byte[0])));
    }

    @Test
    default void oversizedKeysAreRefusedAndTheLimitItselfIsAccepted() {
        put("existing", "v");
        byte[] tooLong = new byte[ByteKeys.MAX_KEY_BYTES + 1];
        Arrays.fill(tooLong, (byte) 'k');
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.put(tooLong, bytes("v"))));
        byte[] longest = Arrays.copyOf(tooLong, ByteKeys.MAX_KEY_BYTES);
        put(longest, bytes("fits"));
        assertEquals("fits", EngineContract.text(get(longest)));
    }

    @Test
    default void nullAndOversizedValuesAreRefused() {
        put("existing", "v");
        assertRefusedAndNothingChanged(InvalidArgumentException.class, () -> inWriteTransaction(tx -> tx.put(bytes("k"), null)));
        byte[] huge = new byte[ByteKeys.MAX_VALUE_BYTES + 1];
        assertRefusedAndNothingChanged(QuotaExceededException.class, () -> inWriteTransaction(tx -> tx.put(bytes("existing"), huge)));
    }
}
