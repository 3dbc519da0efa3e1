package dev.strata.core.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Savepoint;
import dev.strata.api.spi.EngineTransaction;

/**
 * Savepoints of one transaction, kept by core over the engine transaction, so every engine has them.
 * <p>
 * While a savepoint is active, the first write of a key after it records the key's value just before that write
 * (read through the engine transaction, own writes included; {@code null} when absent) in the innermost
 * savepoint's undo log. Rolling back to a savepoint replays the undo logs from the innermost savepoint out to it,
 * writing each recorded value back (or deleting the key when it was absent), so reads see every key as it was when
 * the savepoint was set. Releasing a savepoint hands its undo entries to the enclosing savepoint, which keeps its
 * own (older) entry for a key both logged. Nothing is recorded while no savepoint is active, so transactions that
 * do not use them pay nothing.
 * <p>
 * The restoring writes stay in the engine transaction's write set, so a concurrent commit to such a key still
 * conflicts with this transaction (the SPI has no way to take a write back, and a conflict is the safe side).
 */
final class SavepointLog {

    private record Mark(SavepointLog owner, int id) implements Savepoint {
    }

    private record Level(Mark mark, Map<ByteBuffer, byte[]> undo) {
    }

    private final List<Level> levels = new ArrayList<>();
    private int nextId = 1;

    Savepoint set() {
        Mark mark = new Mark(this, nextId++);
        levels.add(new Level(mark, new LinkedHashMap<>()));
        return mark;
    }

    boolean active() {
        return !levels.isEmpty();
    }

    /** Call before every write of {@code key} (encoded); reads its value first only while a savepoint is active. */
    void beforeWrite(EngineTransaction tx, byte[] key) {
        if (levels.isEmpty()) {
            return;
        }
        Map<ByteBuffer, byte[]> undo = levels.get(levels.size() - 1).undo();
        ByteBuffer wrapped = ByteBuffer.wrap(key.clone());
        if (!undo.containsKey(wrapped)) {
            undo.put(wrapped, tx.get(key));
        }
    }

    /** Undoes every write since the savepoint; the savepoint stays active, inner ones are gone. */
    void rollbackTo(EngineTransaction tx, Savepoint savepoint) {
        int index = indexOf(savepoint);
        for (int i = levels.size() - 1; i >= index; i--) {
            Map<ByteBuffer, byte[]> undo = levels.get(i).undo();
            for (Map.Entry<ByteBuffer, byte[]> entry : undo.entrySet()) {
                byte[] key = entry.getKey().array();
                if (entry.getValue() == null) {
                    tx.delete(key);
                } else {
                    tx.put(key, entry.getValue());
                }
            }
            undo.clear();
            if (i > index) {
                levels.remove(i);
            }
        }
    }

    /** Forgets the savepoint and the inner ones, keeping their writes (and, for an outer savepoint, their undo). */
    void release(Savepoint savepoint) {
        int index = indexOf(savepoint);
        Map<ByteBuffer, byte[]> outer = index == 0 ? null : levels.get(index - 1).undo();
        for (int i = index; i < levels.size(); i++) {
            if (outer != null) {
                levels.get(i).undo().forEach(outer::putIfAbsent);
            }
        }
        levels.subList(index, levels.size()).clear();
    }

    private int indexOf(Savepoint savepoint) {
        if (savepoint instanceof Mark mark && mark.owner() == this) {
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i).mark().equals(mark)) {
                    return i;
                }
            }
            throw new InvalidArgumentException("savepoint " + mark.id() + " is no longer active (it was released, "
                    + "or a rollback went to an earlier savepoint)");
        }
        throw new InvalidArgumentException("the savepoint does not belong to this transaction");
    }
}
