package dev.strata.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A point inside a transaction that it can roll back to without giving up the rest
 * ({@link Transaction#setSavepoint()}). Valid in its own transaction only, until that transaction ends, it is
 * released, or a rollback goes to an earlier savepoint.
 */
@ProviderType
public interface Savepoint {

    /** Numbers savepoints of one transaction in the order they were set, from 1. */
    int id();
}
