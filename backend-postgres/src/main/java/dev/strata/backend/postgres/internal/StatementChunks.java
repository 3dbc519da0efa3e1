package dev.strata.backend.postgres.internal;

import java.util.function.IntToLongFunction;

/** How a long batch of rows is cut into statements: no statement carries more than the transaction's flush limits. */
final class StatementChunks {

    private StatementChunks() {
    }

    /**
     * @param start the first row of the next statement
     * @param size  the rows in all
     * @param bytes the key and value bytes of row {@code i}
     * @return the end (exclusive) of that statement: at most {@link PostgresTransaction#FLUSH_ROWS} rows, and once past
     *         {@link PostgresTransaction#FLUSH_BYTES} no more rows (always at least one)
     */
    static int end(int start, int size, IntToLongFunction bytes) {
        int end = start;
        long total = 0;
        while (end < size && end - start < PostgresTransaction.FLUSH_ROWS
                && (end == start || total < PostgresTransaction.FLUSH_BYTES)) {
            total += bytes.applyAsLong(end);
            end++;
        }
        return end;
    }
}
