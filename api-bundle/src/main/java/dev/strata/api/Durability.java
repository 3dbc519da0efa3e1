package dev.strata.api;

/** When a commit counts as done. */
public enum Durability {
    /** Buffered in the process: a crash of the process may lose recent commits. */
    NONE,
    /** Handed to the operating system before commit returns: survives a process crash, not a power loss. */
    OS,
    /** Forced to the device before commit returns (with group commit): survives a power loss. */
    FSYNC
}
