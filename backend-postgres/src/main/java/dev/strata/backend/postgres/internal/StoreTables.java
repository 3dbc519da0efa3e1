package dev.strata.backend.postgres.internal;

/**
 * The names of one store's tables and every statement the engine sends about them, in one place (the module README
 * lists them). Names were checked by {@link PostgresSettings} to need no escaping inside double quotes.
 * <p>
 * A store is three objects in its schema: the data table ({@code k bytea} primary key, {@code v bytea}; a null
 * {@code v} is a deleted key, kept as a row so that every write of a key, a delete included, is a write of one row
 * and PostgreSQL's row-level conflict check sees it), a commit log ({@code seq} of every commit still needed) and a
 * sequence that numbers commits. {@code bytea} compares as unsigned bytes, shorter first on a common prefix: the
 * SPI's key order, with no collation involved.
 */
record StoreTables(String store, String schema, String table) {

    static final String VERSION_TABLE = "strata_schema_version";
    static final String STORES_TABLE = "strata_stores";

    String schemaName() {
        return quote(schema);
    }

    String data() {
        return quote(schema) + "." + quote(table);
    }

    String commits() {
        return quote(schema) + "." + quote(table + "_commits");
    }

    String sequence() {
        return quote(schema) + "." + quote(table + "_seq");
    }

    String versionTable() {
        return quote(schema) + "." + VERSION_TABLE;
    }

    String storesTable() {
        return quote(schema) + "." + STORES_TABLE;
    }

    static String quote(String name) {
        return '"' + name + '"';
    }

    // the store's own objects (layout version 1)

    String createData() {
        return "CREATE TABLE IF NOT EXISTS " + data() + " (k bytea PRIMARY KEY, v bytea)";
    }

    String createCommits() {
        return "CREATE TABLE IF NOT EXISTS " + commits() + " (seq bigint PRIMARY KEY)";
    }

    String createSequence() {
        return "CREATE SEQUENCE IF NOT EXISTS " + sequence();
    }

    String registerStore() {
        return "INSERT INTO " + storesTable() + " (name, data_table) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
    }

    String registeredTable() {
        return "SELECT data_table FROM " + storesTable() + " WHERE name = ?";
    }

    // transactions

    /**
     * The newest commit this snapshot sees, and the snapshot itself (to name conflicting keys later); the first
     * statement of a transaction, so it also takes the snapshot.
     */
    String snapshotSequence() {
        return "SELECT coalesce(max(seq), 0), pg_current_snapshot()::text FROM " + commits();
    }

    String get() {
        return "SELECT v FROM " + data() + " WHERE k = ?";
    }

    String getAll() {
        return "SELECT k, v FROM " + data() + " WHERE k = ANY(?)";
    }

    /** Writes a batch: puts carry a value, deletes a null (tombstone); both are upserts of the key's row. */
    String upsert() {
        return "INSERT INTO " + data() + " (k, v) SELECT * FROM unnest(?::bytea[], ?::bytea[])"
                + " ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";
    }

    /**
     * Inserts the keys of a batch that have no row and reads the rows of the others, in one statement: every part of
     * a statement runs in the same snapshot, so the final {@code SELECT} reads those rows as they were before the
     * insert (a null {@code v} is a deleted key). When every key was inserted (a batch of new keys, the common case)
     * the one-time filter is false and the server neither computes the keys left over nor probes the index for them:
     * the statement then costs little more than the insert alone. Parameters: the keys, the values.
     */
    String insertAbsent() {
        return "WITH batch AS (SELECT * FROM unnest(?::bytea[], ?::bytea[]) AS b (k, v)),"
                + " inserted AS (INSERT INTO " + data() + " (k, v) SELECT k, v FROM batch ON CONFLICT (k) DO NOTHING"
                + " RETURNING k)"
                + " SELECT k, v FROM " + data() + " WHERE (SELECT count(*) FROM inserted) < (SELECT count(*) FROM batch)"
                + " AND k = ANY(ARRAY(SELECT k FROM batch EXCEPT ALL SELECT k FROM inserted))";
    }

    /** Marks every live key of a range deleted, in one statement; {@code ?} are the bounds present. */
    String deleteRange(boolean lower, boolean upper) {
        return "UPDATE " + data() + " SET v = NULL WHERE v IS NOT NULL" + (lower ? " AND k >= ?" : "") + (upper ? " AND k < ?" : "");
    }

    /** One page of a range, in key order, after the previous page's last key when {@code after} is set. */
    String page(boolean lower, boolean upper, boolean after, boolean reverse, int limit) {
        StringBuilder sql = new StringBuilder("SELECT k, v FROM ").append(data()).append(" WHERE v IS NOT NULL");
        if (lower) {
            sql.append(" AND k >= ?");
        }
        if (upper) {
            sql.append(" AND k < ?");
        }
        if (after) {
            sql.append(reverse ? " AND k < ?" : " AND k > ?");
        }
        return sql.append(" ORDER BY k").append(reverse ? " DESC" : "").append(" LIMIT ").append(limit).toString();
    }

    /**
     * Numbers a commit: locks the store's row (commits queue here, so each one is visible before the next takes its
     * number, and every snapshot sees a prefix of the numbered commits), then records the next number. The lock is
     * taken before {@code nextval} is evaluated (the {@code CASE} tests the locked row first). When the store is no
     * longer registered the number is NULL and the insert fails (not-null violation): no commit without a number.
     */
    String numberCommit() {
        return "WITH serialised AS (SELECT 1 FROM " + storesTable() + " WHERE name = ? FOR UPDATE)"
                + " INSERT INTO " + commits() + " (seq) SELECT CASE WHEN EXISTS (SELECT 1 FROM serialised)"
                + " THEN nextval('" + sequence() + "') END RETURNING seq";
    }

    /**
     * The end of a writing transaction as one composite statement, which the driver sends in one round trip: the last
     * batch of writes ({@link #upsert}, when there is one), {@link #numberCommit}, {@code COMMIT}. The server stops at
     * the first failing statement, so a refused write or number commits nothing.
     */
    String finishCommit(boolean withWrites) {
        return (withWrites ? upsert() + "; " : "") + numberCommit() + "; COMMIT";
    }

    // maintenance

    /** Drops commit numbers no new snapshot needs (older snapshots still see the rows they saw). */
    String trimCommits() {
        return "DELETE FROM " + commits() + " WHERE seq < (SELECT max(seq) FROM " + commits() + ")";
    }

    /**
     * Removes deleted-key rows that every running snapshot already sees as deleted: their writer's transaction id is
     * older than the oldest snapshot horizon of any session on the server, so no transaction can still write the key
     * without having seen the delete.
     */
    String purgeTombstones() {
        return "DELETE FROM " + data() + " WHERE v IS NULL AND age(xmin) > (SELECT coalesce(max(age(backend_xmin)), 0)"
                + " FROM pg_stat_activity WHERE backend_xmin IS NOT NULL)";
    }

    String liveKeys() {
        return "SELECT count(*) FROM " + data() + " WHERE v IS NOT NULL";
    }

    String estimatedRows() {
        return "SELECT reltuples::bigint FROM pg_class WHERE oid = '" + data() + "'::regclass";
    }

    String diskBytes() {
        return "SELECT pg_total_relation_size('" + data() + "'::regclass) + pg_total_relation_size('" + commits() + "'::regclass)";
    }

    /** The data table's own bytes (heap, TOAST, free space and visibility maps) and its indexes' bytes, apart. */
    String tableAndIndexBytes() {
        return "SELECT pg_table_size('" + data() + "'::regclass), pg_indexes_size('" + data() + "'::regclass)";
    }

    String cacheFigures() {
        return "SELECT coalesce(heap_blks_hit, 0) + coalesce(idx_blks_hit, 0) + coalesce(toast_blks_hit, 0),"
                + " coalesce(heap_blks_read, 0) + coalesce(idx_blks_read, 0) + coalesce(toast_blks_read, 0)"
                + " FROM pg_statio_all_tables WHERE relid = '" + data() + "'::regclass";
    }
}
