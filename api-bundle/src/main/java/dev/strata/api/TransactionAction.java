package dev.strata.api;

/** Work done inside a transaction. It may run more than once (retry on conflict): keep it free of side effects. */
@FunctionalInterface
public interface TransactionAction {
    void run(Transaction tx);
}
