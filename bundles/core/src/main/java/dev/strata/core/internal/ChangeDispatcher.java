package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.strata.api.Change;

/**
 * Puts one store's committed changes in commit order and hands them to the {@link ChangeHub}, off the committing
 * threads. Commits of different threads return in any order, so each commit takes a ticket before it calls the
 * engine ({@link #begin}) and reports its sequence after ({@link #committed}). A reported commit is delivered once
 * every commit still in flight took its ticket after it was reported: such a commit began after this one had its
 * sequence, so it gets a greater one. Among deliverable commits the smallest sequence goes first. A commit that
 * failed or was rolled back reports nothing ({@link #abandon}), so its changes are never delivered.
 * <p>
 * Bounded: at most {@value #CAPACITY} changes wait; a commit whose changes do not fit is dropped whole and counted,
 * never blocking its writer.
 */
final class ChangeDispatcher {

    static final int CAPACITY = 10_000;

    private record Reported(long ticket, List<Change> changes) {
    }

    private final ChangeHub hub;
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private final TreeMap<Long, Reported> reported = new TreeMap<>();
    private long tickets;
    private int waiting;
    private long dropped;
    private long delivered;
    private boolean draining;

    ChangeDispatcher(ChangeHub hub) {
        this.hub = hub;
    }

    synchronized long begin() {
        long ticket = ++tickets;
        inFlight.add(ticket);
        return ticket;
    }

    synchronized void abandon(long ticket) {
        inFlight.remove(ticket);
        schedule();
    }

    synchronized void committed(long ticket, long sequence, List<Change> changes) {
        inFlight.remove(ticket);
        if (waiting + changes.size() > CAPACITY) {
            dropped += changes.size();
        } else {
            reported.put(sequence, new Reported(++tickets, changes));
            waiting += changes.size();
        }
        schedule();
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long delivered() {
        return delivered;
    }

    private void schedule() {
        if (!draining && deliverable()) {
            draining = true;
            try {
                hub.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                draining = false; // the runtime is stopping: nobody is left to deliver to
            }
        }
    }

    private boolean deliverable() {
        return !reported.isEmpty() && (inFlight.isEmpty() || inFlight.first() > reported.firstEntry().getValue().ticket());
    }

    private synchronized List<Change> take() {
        List<Change> batch = new ArrayList<>();
        while (deliverable()) {
            List<Change> changes = reported.pollFirstEntry().getValue().changes();
            waiting -= changes.size();
            batch.addAll(changes);
        }
        if (batch.isEmpty()) {
            draining = false;
        }
        return batch;
    }

    private void drain() {
        for (List<Change> batch = take(); !batch.isEmpty(); batch = take()) {
            for (Change change : batch) {
                hub.deliver(change);
            }
            synchronized (this) {
                delivered += batch.size();
            }
        }
    }
}
