package dev.strata.api;

import java.util.List;
import java.util.Objects;

/**
 * What one read of a store's change feed returned ({@link Store#changesAfter}).
 *
 * @param changes the changes of whole commits, in feed order; the changes of one commit share its feed position
 *                ({@link Change#sequence()}), and a commit is never split across pages
 * @param cursor  the position to pass to the next {@link Store#changesAfter} call: the last position returned, or
 *                the position asked for when nothing new was committed. A consumer that stores it with its own
 *                work (in the same transaction, when that work is in the same store) resumes after a restart
 *                without missing or repeating a commit.
 * @param more    whether the page was cut at the limit (more commits are already readable)
 */
public record ChangePage(List<Change> changes, long cursor, boolean more) {

    public ChangePage {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }
}
