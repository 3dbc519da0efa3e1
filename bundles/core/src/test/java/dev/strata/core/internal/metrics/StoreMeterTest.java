package dev.strata.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.OperationStats;

import org.junit.jupiter.api.Test;

class StoreMeterTest {

    @Test
    void percentilesAreOfTheLastCompletedIntervalAndCountsAreTotals() {
        AtomicLong now = new AtomicLong(1_000_000);
        StoreMeter meter = new StoreMeter(now::get);
        for (int i = 1; i <= 100; i++) {
            meter.counted(Operation.PUT);
            meter.timed(Operation.PUT, i * 1_000L); // 1 .. 100 microseconds
        }
        OperationStats early = meter.operations().get("put");
        assertEquals(100, early.count(), "counts are live");
        assertTrue(Double.isNaN(early.p50Micros()), "no interval has completed yet");

        now.addAndGet(1000);
        OperationStats first = meter.operations().get("put");
        assertEquals(50.0, first.p50Micros(), 0.1);
        assertEquals(99.0, first.p99Micros(), 0.1);
        assertEquals(100.0, first.maxMicros(), 0.1);
        assertEquals(first, meter.operations().get("put"), "a second reader within the second sees the same interval");

        meter.counted(Operation.PUT);
        meter.timed(Operation.PUT, 7_000);
        now.addAndGet(1000);
        OperationStats second = meter.operations().get("put");
        assertEquals(101, second.count());
        assertEquals(7.0, second.p50Micros(), 0.01, "the new interval holds only what happened in it");

        now.addAndGet(1000);
        assertTrue(Double.isNaN(meter.operations().get("put").p99Micros()), "an idle interval has no percentiles");
    }

    @Test
    void anOperationAfterLongIdleShowsInTheNextInterval() {
        AtomicLong now = new AtomicLong(1_000_000);
        StoreMeter meter = new StoreMeter(now::get);
        meter.counted(Operation.GET);
        meter.timed(Operation.GET, 3_000);
        now.addAndGet(1000);
        assertEquals(3.0, meter.operations().get("get").p50Micros(), 0.01);
        for (int second = 0; second < 5; second++) { // idle intervals: the first empties, the rest are not rolled
            now.addAndGet(1000);
            assertTrue(Double.isNaN(meter.operations().get("get").p50Micros()), "idle second " + second);
        }
        meter.counted(Operation.GET);
        meter.timed(Operation.GET, 9_000);
        now.addAndGet(1000);
        OperationStats after = meter.operations().get("get");
        assertEquals(2, after.count());
        assertEquals(9.0, after.p50Micros(), 0.01, "the first operation after the idle spell has its own interval");
        assertEquals(9.0, after.maxMicros(), 0.01, "and nothing from before the idle spell");
    }

    @Test
    void aTimingThatEndsDuringAnIdleSpellIsNotLost() {
        AtomicLong now = new AtomicLong(1_000_000);
        StoreMeter meter = new StoreMeter(now::get);
        meter.counted(Operation.SCAN); // a long scan: counted when it opens ...
        now.addAndGet(1000);
        meter.operations(); // an interval with the count moved but no timing yet
        now.addAndGet(1000);
        assertTrue(Double.isNaN(meter.operations().get("scan").p50Micros()));
        meter.timed(Operation.SCAN, 2_500_000); // ... timed when it ends, after two rolls
        now.addAndGet(1000);
        meter.operations();
        meter.counted(Operation.SCAN);
        meter.timed(Operation.SCAN, 1_000);
        now.addAndGet(1000);
        assertEquals(2500.0, meter.operations().get("scan").maxMicros(), 1.0,
                "the late timing lands in the next interval that is rolled");
    }

    @Test
    void conflictsAreCountedApartFromErrorsWhichAreCountedByType() {
        StoreMeter meter = new StoreMeter();
        meter.failed(Operation.COMMIT, new ConflictException("lost"));
        meter.failed(Operation.COMMIT, new ConflictException("lost again"));
        meter.failed(Operation.PUT, new InvalidArgumentException("bad"));
        assertEquals(2, meter.conflicts());
        assertEquals(0, meter.operations().get("commit").errors());
        assertEquals(1, meter.operations().get("put").errors());
        assertEquals(java.util.Map.of("InvalidArgumentException", 1L), meter.errors());
    }
}
