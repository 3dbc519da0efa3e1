package dev.strata.console.client;

/** A failure talking to the runtime, with a one-line message for the operator. */
public final class ConsoleException extends RuntimeException {

    /**
     * What kind of failure it is, so the console can react (reconnect, show the login again, ...).
     * {@code UNSUPPORTED}: the runtime has no such bean or operation (an older runtime): the view says so and stays usable.
     */
    public enum Kind { REFUSED, UNREACHABLE, LOST, FAILED, UNSUPPORTED }

    private final Kind kind;

    public ConsoleException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
