package dev.strata.console.client;

/**
 * One store as the stores view lists it.
 *
 * @param status       {@code ONLINE}, {@code READ_ONLY}, {@code OPENING} or {@code UNAVAILABLE}
 * @param message      why it is not online; empty when it is
 * @param health       {@code HEALTHY}, {@code DEGRADED}, {@code DOWN}, or empty when the runtime does not report it
 * @param healthReason why it is not healthy; empty when it is
 */
public record StoreRow(String name, String backend, String status, String message, String health,
        String healthReason) {

    public boolean online() {
        return "ONLINE".equals(status) || "READ_ONLY".equals(status);
    }
}
