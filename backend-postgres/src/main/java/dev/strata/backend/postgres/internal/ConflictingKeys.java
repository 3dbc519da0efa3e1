package dev.strata.backend.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.spi.ByteKeys;

/**
 * Which keys of a refused batch another transaction wrote: PostgreSQL's serialization failure names no row, so after
 * the rollback the engine asks for the keys whose current row version was written by a transaction the refused one's
 * snapshot did not see ({@code pg_visible_in_snapshot} of the row's {@code xmin}, widened to a 64-bit id in the
 * current epoch, against the snapshot recorded at begin). For the conflict message only.
 */
final class ConflictingKeys {

    static final int SHOWN = 3;

    private ConflictingKeys() {
    }

    static String query(StoreTables tables) {
        String next = "pg_snapshot_xmax(pg_current_snapshot())::text::bigint";
        String xmin = "xmin::text::bigint";
        String widened = "((((" + next + ") >> 32) - CASE WHEN " + xmin + " > ((" + next + ") & 4294967295) THEN 1 ELSE 0 END)"
                + " << 32 | " + xmin + ")::text::xid8";
        return "SELECT k FROM " + tables.data() + " WHERE k = ANY(?) AND NOT pg_visible_in_snapshot(" + widened
                + ", ?::pg_snapshot) ORDER BY k LIMIT " + SHOWN;
    }

    /** The keys, for a message ("'a', 'b'"), or an empty string when they cannot be told. */
    static String describe(Connection connection, StoreTables tables, List<byte[]> keys, String snapshot) {
        if (keys.isEmpty() || snapshot == null) {
            return "";
        }
        try {
            List<String> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(query(tables))) {
                Array array = connection.createArrayOf("bytea", keys.toArray(new byte[0][]));
                statement.setArray(1, array);
                statement.setString(2, snapshot);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(ByteKeys.toDisplay(rows.getBytes(1)));
                    }
                }
            } finally {
                connection.rollback();
            }
            return String.join(", ", found);
        } catch (SQLException e) {
            return "";
        }
    }
}
