package dev.strata.console.connect;

/** A saved connection: where a runtime is and who connects. Never a password. */
public record Profile(String name, String host, int port, String user) {

    @Override
    public String toString() {
        return name; // the profile picker shows names
    }
}
