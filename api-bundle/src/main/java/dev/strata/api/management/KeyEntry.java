package dev.strata.api.management;

/**
 * One row of a data browser's page.
 *
 * @param key       the key
 * @param valueSize the value's length in bytes
 * @param preview   the start of the value as text (at most 80 characters, control characters escaped), or a hex
 *                  preview when the value is not UTF-8
 */
public record KeyEntry(String key, int valueSize, String preview) {
}
