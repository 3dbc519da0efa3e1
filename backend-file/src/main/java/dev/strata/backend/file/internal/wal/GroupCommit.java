package dev.strata.backend.file.internal.wal;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Decides who forces the log and when, so that concurrent committers share forces. Committers wait in
 * {@link #awaitDurable}; the first one whose record is not yet durable becomes the leader and forces everything
 * appended so far, the others wait for that force or lead the next.
 * <p>
 * <b>No lock while waiting.</b> Waiters park on their own and read the durable position, a volatile; the leader
 * unparks them all at once when its force ends. With a lock and condition, the woken waiters would instead pass the
 * lock to each other one by one, a chain of context switches that on two cores took longer than the force itself.
 * <p>
 * <b>Why the leader gathers.</b> Without it, committers fall into two cohorts that take turns: the force that
 * acknowledges one cohort ends while the other cohort waits with records already appended, so the next force starts
 * at once and covers only that cohort, while the first is still on its way back with its next commit. Each force
 * then carries at most half of the committers (measured: groups of 4.4 with 8 writers). So the leader first waits
 * until as many committers wait for a force as were recently seen waiting at once, or until half the average force
 * time has passed, whichever comes first (measured: groups of 7.9). A single committer never waits: it has seen no
 * company. The expectation decays: every {@value #WINDOW_FORCES} forces it drops to the peak of that window.
 * <p>
 * <b>The arrival that completes the company forces.</b> It is running already, while the gathering leader is parked:
 * waking the leader to force would put a wake-up and a context switch between the last record and its force, on
 * every round. So the completing arrival takes the gathering leader's place (a compare-and-set on
 * {@link #gatheringLeader}, which the leader also uses to keep its place when its wait ends first: exactly one of
 * them forces) and the parked leader, when it next wakes, waits like any other committer.
 * <p>
 * <b>Whom a force wakes.</b> When a force ends, the leader unparks the waiters it covered (their position at or below
 * the durable one: everyone who arrived before it began, and any later arrival whose record it happened to reach)
 * and, when nobody has taken the lead meanwhile, one waiter it did not cover, to lead the next force. Waking every
 * waiter, as before, also woke those that arrived while the force ran, only for them to park again: on two cores
 * each such wake-up is a context switch that delays the round. Whom it wakes decides only how soon a waiter
 * looks again, never whether it returns: a waiter returns only once {@link #durable} reaches its position.
 * <p>
 * A failed force is final: it wakes every waiter, and every wait then and later fails with it, so nothing unforced
 * is ever acknowledged.
 */
final class GroupCommit {

    /** Makes everything appended so far durable and says how far that reaches; one leader at a time calls it. */
    interface Forcer {
        Extent force() throws IOException;
    }

    /** What a force covers: everything written up to {@code position}, the last record being {@code seq}. */
    record Extent(long position, long seq) {
    }

    /** One committer waiting; compared by identity (its removal from the queue compares). */
    private static final class Waiter {
        final Thread thread;
        final long position;

        Waiter(Thread thread, long position) {
            this.thread = thread;
            this.position = position;
        }
    }

    private static final int WINDOW_FORCES = 256;
    private static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long FIRST_AVERAGE_FORCE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final Forcer forcer;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean forcing = new AtomicBoolean();
    private volatile long durable;
    private volatile IOException failure;
    /** The leader parked in {@link #gather}; whoever clears it (the leader itself or a completing arrival) forces. */
    private final AtomicReference<Thread> gatheringLeader = new AtomicReference<>();
    private volatile int expectedCompany = 1;
    // leader-only state (one leader at a time), and what forcedElsewhere shares with it under the monitor
    private int windowPeak;
    private int windowForces;
    private long averageForceNanos;
    private final long maxGatherNanos;
    private long forces;

    GroupCommit(Forcer forcer, long durable) {
        this(forcer, durable, 1, FIRST_AVERAGE_FORCE_NANOS, MAX_GATHER_NANOS);
    }

    /** For tests: a company already expected, and a gathering wait of {@code averageForceNanos / 2} at most. */
    GroupCommit(Forcer forcer, long durable, int expectedCompany, long averageForceNanos, long maxGatherNanos) {
        this.forcer = forcer;
        this.durable = durable;
        this.expectedCompany = expectedCompany;
        this.averageForceNanos = averageForceNanos;
        this.maxGatherNanos = maxGatherNanos;
    }

    /**
     * Returns once everything up to {@code position} is durable, leading a force when no one else is.
     *
     * @param onDurable told the last sequence number of each completed force, in order
     * @throws IOException when the force failed (now or in an earlier round)
     */
    void awaitDurable(long position, LongConsumer onDurable) throws IOException {
        if (durable >= position) {
            return;
        }
        Waiter self = new Waiter(Thread.currentThread(), position);
        waiters.add(self);
        int company = waiting.incrementAndGet();
        if (company > expectedCompany) {
            expectedCompany = company;
        }
        boolean interrupted = false;
        try {
            Thread leader = gatheringLeader.get();
            if (leader != null && pendingWaiters() >= expectedCompany && gatheringLeader.compareAndSet(leader, null)) {
                force(onDurable); // the leader's place is this thread's now, and the force covers its record
            }
            while (durable < position) {
                IOException error = failure;
                if (error != null) {
                    throw error;
                }
                if (forcing.compareAndSet(false, true)) {
                    lead(onDurable);
                } else {
                    LockSupport.park(this);
                }
                // the record is in the log already: finish the commit, and keep the interrupt for the caller
                interrupted |= Thread.interrupted();
            }
        } finally {
            waiters.remove(self);
            waiting.decrementAndGet();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void lead(LongConsumer onDurable) {
        boolean gathered;
        try {
            if (failure != null || durable >= maxWaitedPosition()) {
                release(); // a force that ended just now covered everyone waiting
                return;
            }
            gathered = gather();
        } catch (RuntimeException | Error e) {
            gatheringLeader.compareAndSet(Thread.currentThread(), null);
            release();
            throw e;
        }
        if (gathered) {
            force(onDurable);
        } // else an arrival that completed the company took this leader's place: it forces and releases
    }

    /** Forces as the leader (one at a time: {@link #forcing} is held), then hands the lead back to everyone. */
    private void force(LongConsumer onDurable) {
        Extent covered = null;
        IOException error = null;
        long started = System.nanoTime();
        try {
            covered = forcer.force();
        } catch (IOException e) {
            error = e;
        } finally {
            if (covered != null || error != null) {
                completed(covered, error, System.nanoTime() - started, onDurable);
            }
            release();
        }
    }

    private void release() {
        forcing.set(false);
        if (failure != null) {
            wakeAll(); // every waiter must see the failure: none of them will ever be covered
        } else {
            wakeCoveredAndNextLeader();
        }
    }

    /**
     * The leader waits for the company it expects, at most half an average force.
     *
     * @return whether this thread still forces: {@code false} when an arrival that completed the company took its
     *         place (that arrival forces and releases)
     */
    private boolean gather() {
        int expected = expectedCompany;
        if (pendingWaiters() >= expected) {
            return true;
        }
        long deadline = System.nanoTime() + Math.min(maxGatherNanos, averageForceNanos / 2);
        Thread self = Thread.currentThread();
        gatheringLeader.set(self);
        long left;
        while (pendingWaiters() < expected && (left = deadline - System.nanoTime()) > 0 && !self.isInterrupted()) {
            LockSupport.parkNanos(this, left);
            if (gatheringLeader.get() != self) {
                return false;
            }
        }
        return gatheringLeader.compareAndSet(self, null);
    }

    private int pendingWaiters() {
        long done = durable;
        int count = 0;
        for (Waiter waiter : waiters) {
            if (waiter.position > done) {
                count++;
            }
        }
        return count;
    }

    private long maxWaitedPosition() {
        long max = Long.MIN_VALUE;
        for (Waiter waiter : waiters) {
            max = Math.max(max, waiter.position);
        }
        return max;
    }

    private synchronized void completed(Extent covered, IOException error, long nanos, LongConsumer onDurable) {
        if (error != null) {
            if (failure == null) {
                failure = error;
            }
            return;
        }
        forces++;
        advance(covered, onDurable);
        averageForceNanos += (nanos - averageForceNanos) / 8;
        int company = waiting.get();
        windowPeak = Math.max(windowPeak, company);
        if (++windowForces == WINDOW_FORCES) {
            expectedCompany = Math.max(1, windowPeak);
            windowPeak = company;
            windowForces = 0;
        }
    }

    /** Publishes first, then releases waiters: a committer that returns finds its commit visible to new readers. */
    private void advance(Extent covered, LongConsumer onDurable) {
        onDurable.accept(covered.seq());
        if (covered.position() > durable) {
            durable = covered.position();
        }
    }

    /**
     * Unparks every waiter whose record is durable and, unless another thread already leads, the first waiter whose
     * record is not (it leads the next force). Called after {@link #forcing} is released: a waiter that parked
     * because the lead was taken is in the queue by then, so this sees it; one that arrives later finds the lead
     * free or the new durable position by itself.
     */
    private void wakeCoveredAndNextLeader() {
        Thread self = Thread.currentThread();
        long done = durable;
        boolean leaderWoken = forcing.get();
        for (Waiter waiter : waiters) {
            if (waiter.thread == self) {
                continue;
            }
            if (waiter.position <= done) {
                LockSupport.unpark(waiter.thread);
            } else if (!leaderWoken) {
                leaderWoken = true;
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    private void wakeAll() {
        Thread self = Thread.currentThread();
        for (Waiter waiter : waiters) {
            if (waiter.thread != self) {
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    /** Records a force made outside {@link #awaitDurable} (at rotation and close). */
    void forcedElsewhere(long position, long seq, LongConsumer onDurable) {
        synchronized (this) {
            forces++;
            advance(new Extent(position, seq), onDurable);
        }
        wakeCoveredAndNextLeader();
    }

    /** Fails every present and future wait with {@code error}, unless an earlier failure is already recorded. */
    void fail(IOException error) {
        synchronized (this) {
            if (failure == null) {
                failure = error;
            }
        }
        wakeAll();
    }

    IOException failure() {
        return failure;
    }

    synchronized long forces() {
        return forces;
    }
}
