package dev.strata.jobs.internal.work;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.strata.api.Store;
import dev.strata.api.StoreUnavailableException;

/**
 * What a store's engine migration keeps in the system store, so that a restart in the middle of it, or an undo
 * after it, knows the definitions involved:
 * <ul>
 * <li>{@value #PENDING}{@code <job id>}: written before the store is frozen, removed once it is switched or thawed:
 * the store, its original definition, the frozen one and the target one. A job interrupted with this record is
 * finished at start-up: a store still frozen gets its original definition back.</li>
 * <li>{@value #LAST}{@code <store>}: the store's last switch: the job, when, until when the old files are kept, the
 * definition before and after. {@code strata:migrate-undo} switches back to "before".</li>
 * <li>{@value #OLD}{@code <store>.<job id>}: the old files one switch left behind (its "before" directory), until
 * the old-files sweep deletes them once that switch's window ends. One per switch, so that a second switch inside
 * the first one's window (A to B, then B to C) keeps A's directory tracked: the "last" record then names only the
 * second switch. A switch into a directory ends the tracking of that directory for the store (an undo moves back
 * into its old files, which are then in use, not old).</li>
 * </ul>
 */
final class SwitchRecords {

    static final String PENDING = "migrations.pending.";
    static final String LAST = "migrations.last.";
    static final String OLD = "migrations.old.";

    /** A freeze in progress. */
    record Pending(String store, Map<String, String> original, Map<String, String> frozen,
            Map<String, String> target) {
    }

    /** A store's last switch. */
    record Switch(String jobId, long switchedAt, long keepUntil, Map<String, String> before,
            Map<String, String> after) {
    }

    /** The old files of one switch, tracked until they are deleted; {@code key} is the record's own key. */
    record OldFiles(String key, String store, Switch done) {
    }

    private final Store system;

    SwitchRecords(Store system) {
        this.system = system;
    }

    static SwitchRecords of(JobEnvironment env) {
        return new SwitchRecords(env.systemStore().get().orElseThrow(() -> new StoreUnavailableException(
                "the system store is not available: an engine migration records its progress there")));
    }

    void pending(String jobId, Pending p) {
        system.put(PENDING + jobId, encode(out -> {
            out.writeUTF(p.store());
            write(out, p.original());
            write(out, p.frozen());
            write(out, p.target());
        }));
    }

    Optional<Pending> pending(String jobId) {
        return system.get(PENDING + jobId).map(bytes -> decode(bytes, in -> new Pending(in.readUTF(), read(in),
                read(in), read(in))));
    }

    void clearPending(String jobId) {
        system.delete(PENDING + jobId);
    }

    /**
     * Records the switch, tracks the old files it leaves, stops tracking the directory it switched into and ends the
     * pending record, in one transaction.
     */
    void switched(String jobId, String store, Switch done) {
        byte[] value = encodeSwitch(done);
        byte[] old = encode(out -> {
            out.writeUTF(store);
            writeSwitch(out, done);
        });
        String into = StoreDefinitions.directoryOf(done.after());
        system.inTransaction(tx -> {
            for (OldFiles tracked : allOld()) {
                if (tracked.store().equals(store)
                        && StoreDefinitions.directoryOf(tracked.done().before()).equals(into)) {
                    tx.delete(tracked.key());
                }
            }
            tx.put(LAST + store, value);
            tx.put(OLD + store + "." + jobId, old);
            tx.delete(PENDING + jobId);
        });
    }

    /** Every switch's old files still tracked, in key order. */
    List<OldFiles> allOld() {
        List<OldFiles> all = new ArrayList<>();
        try (var cursor = system.scan(dev.strata.api.Scan.prefix(OLD))) {
            cursor.forEachRemaining(e -> all.add(decode(e.value(), in -> new OldFiles(e.key(), in.readUTF(),
                    readSwitch(in)))));
        }
        return all;
    }

    /** Stops tracking old files (they were deleted, or are gone). */
    void forgetOld(OldFiles old) {
        system.delete(old.key());
    }

    Optional<Switch> last(String store) {
        return system.get(LAST + store).map(SwitchRecords::decodeSwitch);
    }

    private static Switch decodeSwitch(byte[] bytes) {
        return decode(bytes, SwitchRecords::readSwitch);
    }

    private static Switch readSwitch(DataInputStream in) throws IOException {
        return new Switch(in.readUTF(), in.readLong(), in.readLong(), read(in), read(in));
    }

    private static byte[] encodeSwitch(Switch done) {
        return encode(out -> writeSwitch(out, done));
    }

    private static void writeSwitch(DataOutputStream out, Switch done) throws IOException {
        out.writeUTF(done.jobId());
        out.writeLong(done.switchedAt());
        out.writeLong(done.keepUntil());
        write(out, done.before());
        write(out, done.after());
    }

    /** Every store's last switch, by store name. */
    Map<String, Switch> allLast() {
        Map<String, Switch> all = new TreeMap<>();
        try (var cursor = system.scan(dev.strata.api.Scan.prefix(LAST))) {
            cursor.forEachRemaining(e -> all.put(e.key().substring(LAST.length()), decodeSwitch(e.value())));
        }
        return all;
    }

    void forget(String store) {
        system.delete(LAST + store);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    private static Map<String, String> read(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), in.readUTF());
        }
        return map;
    }
}
