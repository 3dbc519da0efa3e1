package dev.strata.api.management;

import dev.strata.api.InvalidArgumentException;

/** Validation shared by the request records. */
final class Requests {

    private Requests() {
    }

    static String name(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(what + " must not be empty");
        }
        return value.trim();
    }

    static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
