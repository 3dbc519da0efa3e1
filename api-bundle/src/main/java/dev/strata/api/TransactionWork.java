package dev.strata.api;

/** Work done inside a transaction that returns a result. It may run more than once (retry on conflict). */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Transaction tx);
}
