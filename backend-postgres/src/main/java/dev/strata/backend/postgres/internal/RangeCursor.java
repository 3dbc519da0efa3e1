package dev.strata.backend.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.strata.api.spi.KeyRange;

/**
 * The live keys of a range on the server, in pages: each page is one ordered, limited query that starts after the
 * previous page's last key (keyset paging, so every page is an index range scan), read with a fetch size so that even
 * a page of large values streams. All pages run in the transaction, so they read its one snapshot.
 */
final class RangeCursor implements AutoCloseable {

    static final int PAGE_ROWS = 1_000;
    static final int FETCH_ROWS = 100;

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
    private int rowsInPage;
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
                    return true;
                }
                boolean fullPage = rowsInPage == PAGE_ROWS;
                closePage();
                exhausted = !fullPage;
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

    private void openPage() throws SQLException {
        statement = connection.prepareStatement(tables.page(range.lower() != null, range.upper() != null,
                lastKey != null, reverse, PAGE_ROWS));
        statement.setFetchSize(FETCH_ROWS);
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
