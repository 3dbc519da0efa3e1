package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.strata.api.spi.KeyRange;

import org.postgresql.PGStatement;

/**
 * The live keys of a range on the server, in pages: each page is one ordered, limited query that starts after the
 * previous page's last key (keyset paging, so every page is an index range scan), all in the transaction, so they
 * read its one snapshot. Round trips are what a scan costs (the client's work per row is small), so pages grow from
 * {@value #FIRST_PAGE_ROWS} rows (a scan that stops early reads little) to {@value #MAX_PAGE_ROWS}, and each page
 * normally comes back in one round trip: the fetch size is the page's limit plus one (a fetch of exactly the limit
 * would leave the portal suspended and cost one more, empty, fetch). Memory stays bounded by the fetch size, which
 * follows the largest row seen so far so that one fetch holds about {@value #FETCH_BYTES} bytes; the first fetch of
 * a cursor, before any row is seen, is {@value #FIRST_FETCH_ROWS} rows.
 */
final class RangeCursor implements AutoCloseable {

    static final int FIRST_PAGE_ROWS = 256;
    static final int MAX_PAGE_ROWS = 4_096;
    /** Each page is this many times the previous one, up to {@link #MAX_PAGE_ROWS}. */
    static final int PAGE_GROWTH = 4;
    static final int FIRST_FETCH_ROWS = 64;
    static final long FETCH_BYTES = 4L << 20;

    /** Fetches one page; the engine maps the failure. */
    @FunctionalInterface
    interface Failure {
        RuntimeException map(SQLException e);
    }

    private final Connection connection;
    private final StoreTables tables;
    private final KeyRange range;
    private final boolean reverse;
    private final Failure failure;
    private PreparedStatement statement;
    private ResultSet rows;
    private int pageRows = FIRST_PAGE_ROWS;
    private int rowsInPage;
    private int fetchRows;
    /** Bytes of the largest row read so far (0 before the first). */
    private long largestRow;
    private byte[] lastKey;
    private byte[] key;
    private byte[] value;
    private boolean exhausted;

    RangeCursor(Connection connection, StoreTables tables, KeyRange range, boolean reverse, Failure failure) {
        this.connection = connection;
        this.tables = tables;
        this.range = range;
        this.reverse = reverse;
        this.failure = failure;
    }

    boolean next() {
        try {
            while (!exhausted) {
                if (rows == null) {
                    openPage();
                }
                if (rows.next()) {
                    rowsInPage++;
                    key = rows.getBytes(1);
                    value = rows.getBytes(2);
                    lastKey = key;
                    noteRow(key.length + (long) value.length);
                    return true;
                }
                boolean fullPage = rowsInPage == pageRows;
                closePage();
                exhausted = !fullPage;
                pageRows = Math.min(MAX_PAGE_ROWS, pageRows * PAGE_GROWTH);
            }
            key = null;
            value = null;
            return false;
        } catch (SQLException e) {
            close();
            throw failure.map(e);
        }
    }

    byte[] key() {
        return key;
    }

    byte[] value() {
        return value;
    }

    /** The rows of one fetch for a page of {@code pageRows}: the whole page (plus one) while it fits the budget. */
    static int fetchRows(int pageRows, long largestRow) {
        if (largestRow == 0) {
            return Math.min(FIRST_FETCH_ROWS, pageRows + 1);
        }
        return (int) Math.max(1, Math.min(pageRows + 1L, FETCH_BYTES / largestRow));
    }

    /** The first row, and any larger than all before, sizes the following fetches (of this page and the next). */
    private void noteRow(long bytes) throws SQLException {
        if (bytes > largestRow) {
            largestRow = bytes;
            int wanted = fetchRows(pageRows, largestRow);
            if (wanted != fetchRows) {
                fetchRows = wanted;
                rows.setFetchSize(wanted);
            }
        }
    }

    private void openPage() throws SQLException {
        statement = connection.prepareStatement(tables.page(range.lower() != null, range.upper() != null,
                lastKey != null, reverse, pageRows));
        // planned with this page's bounds every time: the generic plan the driver's server-side prepared statement
        // would switch to after five pages guesses 0.5% of the table in range and picks a bitmap scan and a sort of
        // everything after the last key (measured: 130-230 ms a 4,096-row page instead of about 10 ms)
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        fetchRows = fetchRows(pageRows, largestRow);
        statement.setFetchSize(fetchRows);
        int index = 1;
        if (range.lower() != null) {
            statement.setBytes(index++, range.lower());
        }
        if (range.upper() != null) {
            statement.setBytes(index++, range.upper());
        }
        if (lastKey != null) {
            statement.setBytes(index, lastKey);
        }
        rows = statement.executeQuery();
        rowsInPage = 0;
    }

    private void closePage() throws SQLException {
        try {
            if (rows != null) {
                rows.close();
            }
        } finally {
            rows = null;
            if (statement != null) {
                statement.close();
                statement = null;
            }
        }
    }

    @Override
    public void close() {
        exhausted = true;
        try {
            closePage();
        } catch (SQLException ignored) {
            // the transaction reports the connection's state on its next statement
        }
    }
}
