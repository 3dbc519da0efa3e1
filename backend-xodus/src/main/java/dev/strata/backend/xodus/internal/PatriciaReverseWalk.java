package dev.strata.backend.xodus.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;

/**
 * Descending order over a Xodus Patricia store. Xodus 2.0.1's {@code getPrev()} on a Patricia tree visits a key
 * before the longer keys it is a prefix of (for {@code a, ab, b}: {@code b, a, ab}), where descending order wants
 * them after. This walk restores the order: it holds each key on a stack until the next key from Xodus is not an
 * extension of it, so a prefix key comes out right after its extensions. The stack is at most as deep as a chain
 * of keys that are prefixes of one another.
 * <p>
 * The walk starts at the first key at or above the upper bound ({@code getSearchKeyRange}) or, without a bound or
 * with none at or above it, at the last key ({@code getLast}). The keys that are prefixes of the start key come
 * before it in Xodus's order, so {@code getPrev} never visits them: they are looked up and stacked first (missing
 * this for {@code getLast} dropped {@code p} from a descending scan of {@code p, pa}). The walk may yield keys at
 * or above the upper bound first (the found key's extensions): the caller skips them.
 */
final class PatriciaReverseWalk {

    private final Cursor cursor;
    private final Deque<byte[][]> pending = new ArrayDeque<>();
    private byte[][] incoming;
    private boolean sourceExhausted;

    PatriciaReverseWalk(Cursor cursor, Store store, Transaction txn, byte[] upper) {
        this.cursor = cursor;
        boolean found = upper == null ? cursor.getLast() : cursor.getSearchKeyRange(new ArrayByteIterable(upper)) != null;
        if (!found && upper != null) {
            found = cursor.getLast();
        }
        if (found) {
            byte[] start = XodusBytes.copy(cursor.getKey());
            byte[] startValue = XodusBytes.copy(cursor.getValue());
            // getPrev has already passed the start key's prefixes (Xodus visits a prefix before its extensions),
            // for the first key at or above the bound and for the last key alike: look them up
            for (int length = 1; length < start.length; length++) {
                byte[] prefix = Arrays.copyOf(start, length);
                ByteIterable value = store.get(txn, new ArrayByteIterable(prefix));
                if (value != null) {
                    pending.push(new byte[][] {prefix, XodusBytes.copy(value)});
                }
            }
            incoming = new byte[][] {start, startValue};
        } else {
            sourceExhausted = true;
        }
    }

    /** The next key and value in descending order, or {@code null} when there is none. */
    byte[][] next() {
        while (incoming != null) {
            byte[][] top = pending.peek();
            if (top != null && !isPrefix(top[0], incoming[0])) {
                return pending.pop();
            }
            pending.push(incoming);
            pull(cursor.getPrev());
        }
        return pending.poll();
    }

    private void pull(boolean moved) {
        if (moved && !sourceExhausted) {
            incoming = new byte[][] {XodusBytes.copy(cursor.getKey()), XodusBytes.copy(cursor.getValue())};
        } else {
            sourceExhausted = true;
            incoming = null;
        }
    }

    private static boolean isPrefix(byte[] prefix, byte[] key) {
        return prefix.length < key.length && Arrays.equals(prefix, 0, prefix.length, key, 0, prefix.length);
    }
}
