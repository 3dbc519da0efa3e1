package dev.strata.api.management;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.InvalidArgumentException;

/**
 * Move a whole store to another engine in place, while it stays in use: its content is copied into a new directory
 * on the target engine and caught up with the writes made meanwhile; then the store is frozen (redefined read-only,
 * which waits for every write already inside it) for a final catch-up and a comparison of both sides by digests
 * over key ranges, and its definition is switched to the new engine in one step. The source's files are never
 * written to; they are kept, untouched, for {@code keepSourceMinutes} so that the switch can be undone.
 * <p>
 * With {@code hold} the job keeps the target caught up and waits, before freezing anything, until an operator
 * confirms ({@link JobService#confirm}). A cancelled or failed migration leaves the source serving as before; its
 * copy is kept, so submitting the same migration again continues it.
 * <p>
 * With {@code undo} the store is switched back to the definition it had before its last switch (backend, settings
 * and directory), by the same procedure: the kept source is caught up with the writes made since, then switched to.
 *
 * @param store             the store to move
 * @param backend           the engine to move it to (ignored with {@code undo})
 * @param settings          the new definition's engine settings (durability, compression, ...; ignored with undo);
 *                          keys the store had that are not named are dropped, except durability, kept if not named
 * @param hold              wait for {@link JobService#confirm} before freezing and switching
 * @param keepSourceMinutes how long the old files are kept for an undo (0: the default of the job service)
 * @param undo              switch back to the definition before the last switch
 */
public record EngineMigrationRequest(String store, String backend, Map<String, String> settings, boolean hold,
        long keepSourceMinutes, boolean undo) implements JobRequest {

    public EngineMigrationRequest {
        store = Requests.name("store", store);
        backend = undo ? Requests.orEmpty(backend) : Requests.name("target engine", backend);
        settings = settings == null ? Map.of() : Map.copyOf(new TreeMap<>(settings));
        for (String key : settings.keySet()) {
            if (key.equals("name") || key.equals("backend") || key.equals("data.dir") || key.equals("read.only")) {
                throw new InvalidArgumentException("setting '" + key + "' is chosen by the migration itself");
            }
        }
        if (keepSourceMinutes < 0) {
            throw new InvalidArgumentException("keepSourceMinutes must not be negative, was " + keepSourceMinutes);
        }
    }

    /** Switches a store back to the definition it had before its last switch. */
    public static EngineMigrationRequest undoLast(String store) {
        return new EngineMigrationRequest(store, "", Map.of(), false, 0, true);
    }

    @Override
    public String type() {
        return undo ? "migrate-undo" : "migrate-engine";
    }

    @Override
    public List<String> stores() {
        return List.of(store);
    }
}
