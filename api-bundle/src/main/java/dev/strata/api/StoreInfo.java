package dev.strata.api;

import java.util.Objects;

/**
 * What a store is and whether it serves now.
 *
 * @param name       the store's name
 * @param backend    the backend type it runs on ({@code memory}, {@code file}, {@code xodus}, ...)
 * @param status     online, read-only or unavailable
 * @param durability the configured durability level
 * @param message    why the store is not online (empty when it is)
 */
public record StoreInfo(String name, String backend, StoreStatus status, Durability durability, String message) {

    public StoreInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(durability, "durability");
        message = message == null ? "" : message;
    }
}
