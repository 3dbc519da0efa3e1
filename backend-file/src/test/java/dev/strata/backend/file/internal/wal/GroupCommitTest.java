package dev.strata.backend.file.internal.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The group commit protocol alone, over a simulated log: a committer returns only after a force covered its
 * position, forces are shared, a failed force fails every waiter for good, and an interrupt does not cut a commit.
 */
class GroupCommitTest {

    /** A log whose "force" makes everything appended so far durable. */
    private static class SimulatedLog implements GroupCommit.Forcer {
        final AtomicLong appended = new AtomicLong();
        final AtomicLong forced = new AtomicLong();
        volatile IOException failWith;
        final AtomicLong forces = new AtomicLong();

        long append() {
            return appended.incrementAndGet();
        }

        @Override
        public GroupCommit.Extent force() throws IOException {
            if (failWith != null) {
                throw failWith;
            }
            long end = appended.get();
            forces.incrementAndGet();
            forced.accumulateAndGet(end, Math::max);
            return new GroupCommit.Extent(end, end);
        }
    }

    @Test
    void everyCommitterReturnsOnlyOnceItsPositionIsForcedAndForcesAreShared() throws Exception {
        SimulatedLog log = new SimulatedLog();
        GroupCommit group = new GroupCommit(log, 0);
        AtomicLong published = new AtomicLong();
        int threads = 8;
        int commitsEach = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < commitsEach; i++) {
                        long position;
                        synchronized (log) { // the commit lock: appends in order
                            position = log.append();
                        }
                        group.awaitDurable(position, seq -> published.accumulateAndGet(seq, Math::max));
                        assertTrue(log.forced.get() >= position, "returned before its record was forced");
                        assertTrue(published.get() >= position, "returned before its commit was published");
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * commitsEach, log.appended.get());
        assertEquals(log.forces.get(), group.forces());
        assertTrue(group.forces() <= threads * commitsEach, "at most one force per commit");
    }

    /**
     * A committer that appended while another's force ran, and could not lead then, is woken when that force ends
     * and leads its own: nobody else will come (the leader of a force wakes every committer when it ends).
     */
    @Test
    void aCommitterLeftUncoveredByAForceIsWokenToLeadTheNext() throws Exception {
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SimulatedLog log = new SimulatedLog() {
            @Override
            public GroupCommit.Extent force() throws IOException {
                long end = appended.get(); // what this force covers is fixed when it begins
                if (forces.get() == 0) {
                    forcing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                forces.incrementAndGet();
                forced.accumulateAndGet(end, Math::max);
                return new GroupCommit.Extent(end, end);
            }
        };
        GroupCommit group = new GroupCommit(log, 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> {
                group.awaitDurable(log.append(), seq -> { });
                return null;
            });
            assertTrue(forcing.await(10, TimeUnit.SECONDS), "the first committer leads a force");
            long second = log.append(); // after the running force began: it cannot cover this record
            AtomicReference<Thread> waiter = new AtomicReference<>();
            Future<?> late = pool.submit(() -> {
                waiter.set(Thread.currentThread());
                group.awaitDurable(second, seq -> { });
                return null;
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((waiter.get() == null || waiter.get().getState() != Thread.State.WAITING)
                    && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertEquals(Thread.State.WAITING, waiter.get().getState(), "the second committer parks behind the force");
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            late.get(10, TimeUnit.SECONDS); // times out when nobody wakes it
            assertEquals(2, log.forces.get(), "the second committer led a force of its own");
            assertTrue(log.forced.get() >= second);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * A force wakes whom it covered, and one waiter it did not to lead the next force; the others stay parked. Here
     * a committer whose record the first force covers arrives after one whose record it does not: the covered one
     * must return while the next force (led by the uncovered one) still runs, and the uncovered one returns when
     * that force ends. Times out when the covered waiter is left for the next force to wake, or when nobody is
     * woken to lead it.
     */
    @Test
    void aForceWakesTheWaitersItCoveredAndOneToLeadTheNext() throws Exception {
        List<CountDownLatch> started = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<CountDownLatch> finish = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<Long> reaches = List.of(30L, 40L);
        SimulatedLog log = new SimulatedLog() {
            @Override
            public GroupCommit.Extent force() throws IOException {
                int n = (int) forces.getAndIncrement();
                started.get(n).countDown();
                try {
                    finish.get(n).await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                forced.accumulateAndGet(reaches.get(n), Math::max);
                return new GroupCommit.Extent(reaches.get(n), reaches.get(n));
            }
        };
        GroupCommit group = new GroupCommit(log, 0, 1, TimeUnit.MILLISECONDS.toNanos(2), TimeUnit.MILLISECONDS.toNanos(1));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> leader = pool.submit(() -> {
                group.awaitDurable(20, seq -> { });
                return null;
            });
            assertTrue(started.get(0).await(10, TimeUnit.SECONDS), "the first committer leads a force");
            AtomicReference<Thread> uncovered = new AtomicReference<>();
            Future<?> late = pool.submit(() -> {
                uncovered.set(Thread.currentThread());
                group.awaitDurable(40, seq -> { }); // beyond what the running force reaches
                return null;
            });
            awaitParked(uncovered);
            AtomicReference<Thread> covered = new AtomicReference<>();
            Future<?> exact = pool.submit(() -> {
                covered.set(Thread.currentThread());
                group.awaitDurable(30, seq -> { }); // exactly what the running force reaches
                return null;
            });
            awaitParked(covered);
            finish.get(0).countDown();
            leader.get(10, TimeUnit.SECONDS);
            assertTrue(started.get(1).await(10, TimeUnit.SECONDS), "the uncovered committer leads the next force");
            exact.get(10, TimeUnit.SECONDS); // while the second force runs
            assertTrue(log.forced.get() >= 30);
            finish.get(1).countDown();
            late.get(10, TimeUnit.SECONDS);
            assertEquals(2, log.forces.get());
        } finally {
            finish.forEach(CountDownLatch::countDown);
            pool.shutdownNow();
        }
    }

    private static void awaitParked(AtomicReference<Thread> thread) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((thread.get() == null || thread.get().getState() != Thread.State.WAITING) && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, thread.get().getState(), "the committer parks behind the force");
    }

    /**
     * The committer whose arrival completes the expected company forces at once, in the parked gathering leader's
     * place (no wake-up between the last record and its force); the leader returns with that force. The gathering
     * wait here is a minute, so the leader cannot reach the force by its own deadline within the test's timeouts.
     */
    @Test
    void theArrivalThatCompletesTheCompanyForcesInTheGatheringLeadersPlace() throws Exception {
        AtomicReference<Thread> forcedBy = new AtomicReference<>();
        SimulatedLog log = new SimulatedLog() {
            @Override
            public GroupCommit.Extent force() throws IOException {
                forcedBy.compareAndSet(null, Thread.currentThread());
                return super.force();
            }
        };
        long minute = TimeUnit.MINUTES.toNanos(1);
        GroupCommit group = new GroupCommit(log, 0, 2, 2 * minute, minute);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicReference<Thread> leader = new AtomicReference<>();
            long first = log.append();
            Future<?> gathering = pool.submit(() -> {
                leader.set(Thread.currentThread());
                group.awaitDurable(first, seq -> { });
                return null;
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((leader.get() == null || leader.get().getState() != Thread.State.TIMED_WAITING)
                    && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertEquals(Thread.State.TIMED_WAITING, leader.get().getState(), "the first committer gathers");
            assertEquals(0, log.forces.get(), "nobody forces before the company is complete");
            AtomicReference<Thread> completer = new AtomicReference<>();
            long second = log.append();
            Future<?> completing = pool.submit(() -> {
                completer.set(Thread.currentThread());
                group.awaitDurable(second, seq -> { });
                return null;
            });
            completing.get(10, TimeUnit.SECONDS);
            gathering.get(10, TimeUnit.SECONDS); // times out when the parked leader is not released
            assertSame(completer.get(), forcedBy.get(), "the completing arrival forced, not the parked leader");
            assertEquals(1, log.forces.get(), "one force covered both");
            assertTrue(log.forced.get() >= second);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedForceFailsTheWaiterAndEveryLaterOne() {
        SimulatedLog log = new SimulatedLog();
        GroupCommit group = new GroupCommit(log, 0);
        IOException disk = new IOException("Input/output error");
        log.failWith = disk;
        assertSame(disk, assertThrows(IOException.class, () -> group.awaitDurable(log.append(), seq -> { })));
        log.failWith = null; // the disk "recovers": the log must not, nothing unforced may be acknowledged later
        assertSame(disk, assertThrows(IOException.class, () -> group.awaitDurable(log.append(), seq -> { })));
        assertSame(disk, group.failure());
        assertEquals(0, log.forced.get());
    }

    /**
     * Committers parked behind a force that fails all fail with it, none waits on: a failed force covers nobody, so
     * waking only those it covered (and one to lead next) would leave the rest parked for good.
     */
    @Test
    void everyCommitterParkedBehindAFailedForceFails() throws Exception {
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        IOException disk = new IOException("Input/output error");
        SimulatedLog log = new SimulatedLog() {
            @Override
            public GroupCommit.Extent force() throws IOException {
                forcing.countDown();
                try {
                    fail.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                throw disk;
            }
        };
        GroupCommit group = new GroupCommit(log, 0);
        int parked = 3;
        ExecutorService pool = Executors.newFixedThreadPool(parked + 1);
        try {
            Future<?> leader = pool.submit(() -> {
                group.awaitDurable(log.append(), seq -> { });
                return null;
            });
            assertTrue(forcing.await(10, TimeUnit.SECONDS), "the first committer leads a force");
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < parked; i++) {
                AtomicReference<Thread> thread = new AtomicReference<>();
                long position = log.append();
                waiters.add(pool.submit(() -> {
                    thread.set(Thread.currentThread());
                    group.awaitDurable(position, seq -> { });
                    return null;
                }));
                awaitParked(thread);
            }
            fail.countDown();
            waiters.add(leader);
            for (Future<?> waiter : waiters) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> waiter.get(10, TimeUnit.SECONDS)); // a TimeoutException when it stays parked
                assertSame(disk, e.getCause());
            }
        } finally {
            fail.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedCommitterStillWaitsForItsForceAndKeepsTheInterrupt() throws Exception {
        SimulatedLog log = new SimulatedLog();
        GroupCommit group = new GroupCommit(log, 0);
        Thread.currentThread().interrupt();
        try {
            long position = log.append();
            group.awaitDurable(position, seq -> { });
            assertTrue(log.forced.get() >= position);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aForceMadeElsewhereReleasesWaitersWithoutAnotherForce() throws Exception {
        SimulatedLog log = new SimulatedLog();
        GroupCommit group = new GroupCommit(log, 0);
        long position = log.append();
        group.forcedElsewhere(position, position, seq -> { });
        group.awaitDurable(position, seq -> { });
        assertEquals(0, log.forces.get());
        assertEquals(1, group.forces());
    }
}
