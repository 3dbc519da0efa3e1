package dev.strata.api.tck.crash;

import java.nio.charset.StandardCharsets;

/**
 * The shape of what {@link CrashWriter} commits, shared with the checker so both sides agree: transaction
 * {@code n} writes {@link #KEYS_PER_TRANSACTION} keys {@code tx.<n>.<i>} with values derived from {@code n} and
 * {@code i}, plus the key {@code last} holding {@code n}. A transaction is whole when all its keys are there with
 * exactly those values.
 */
final class CrashTransactions {

    /** Keys each transaction writes besides {@link #LAST_KEY}. */
    static final int KEYS_PER_TRANSACTION = 5;

    /** Every transaction key starts with this. */
    static final byte[] PREFIX = bytes("tx.");

    /** Holds the number of the latest transaction, written by each transaction. */
    static final byte[] LAST_KEY = bytes("last");

    private static final int NUMBER_DIGITS = 10;

    private CrashTransactions() {
    }

    static byte[] key(long transaction, int index) {
        return bytes(String.format("tx.%0" + NUMBER_DIGITS + "d.%d", transaction, index));
    }

    /**
     * The value of one key: names its transaction and key, padded to a length that varies between keys (0 to
     * 1 KB of padding), so the engine's log sees records of many sizes and a torn value cannot pass as whole.
     */
    static byte[] value(long transaction, int index) {
        String head = transaction + "." + index + ":";
        int padding = (int) ((transaction * 31 + index * 7) % 1024);
        return bytes(head + "x".repeat(padding));
    }

    static byte[] number(long transaction) {
        return bytes(Long.toString(transaction));
    }

    /** The transaction number of a key written by {@link #key}, or -1 when the key has another shape. */
    static long transactionOf(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        int dot = text.indexOf('.', PREFIX.length);
        if (!text.startsWith("tx.") || dot != PREFIX.length + NUMBER_DIGITS) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(PREFIX.length, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The key index of a key written by {@link #key}, or -1 when the key has another shape. */
    static int indexOf(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        try {
            return Integer.parseInt(text.substring(PREFIX.length + NUMBER_DIGITS + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
