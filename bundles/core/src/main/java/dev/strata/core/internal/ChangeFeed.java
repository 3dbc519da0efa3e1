package dev.strata.core.internal;

/**
 * A store's way to the change listeners: whether anyone listens to it now, and its dispatcher.
 *
 * @param store      the store's name
 * @param hub        the runtime's listeners
 * @param dispatcher orders the store's commits for delivery
 */
record ChangeFeed(String store, ChangeHub hub, ChangeDispatcher dispatcher) {

    boolean listening() {
        return hub.listening(store);
    }
}
