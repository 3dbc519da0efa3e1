package dev.strata.management.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.strata.api.Durability;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.StorageEvents;

import org.junit.jupiter.api.Test;

/** A status change told by core becomes one event; finished jobs one event each. */
class StatusTransitionsTest {

    private static StoreInfo store(String name, StoreStatus status, String message) {
        return new StoreInfo(name, "file", status, Durability.OS, message);
    }

    @Test
    void aToldChangeIsOneEventWithTheStoreBackendStatusAndReason() {
        StatusTransitions.Transition down = StatusTransitions.changed(
                store("a", StoreStatus.UNAVAILABLE, "backend 'file' is not installed"));
        assertEquals(StorageEvents.STORE_UNAVAILABLE, down.topic());
        assertEquals("a", down.properties().get(StorageEvents.STORE));
        assertEquals("file", down.properties().get(StorageEvents.BACKEND));
        assertEquals("UNAVAILABLE", down.properties().get(StorageEvents.STATUS));
        assertEquals("backend 'file' is not installed", down.properties().get(StorageEvents.REASON));
        assertEquals(List.of(StorageEvents.STORE_OPENING, StorageEvents.STORE_READ_ONLY, StorageEvents.STORE_ONLINE,
                        StorageEvents.STORE_FALLBACK),
                List.of(StoreStatus.OPENING, StoreStatus.READ_ONLY, StoreStatus.ONLINE, StoreStatus.FALLBACK).stream()
                        .map(status -> StatusTransitions.changed(store("b", status, null)).topic()).toList());
        assertEquals("", StatusTransitions.changed(store("b", StoreStatus.ONLINE, null)).properties()
                .get(StorageEvents.REASON));
    }

    @Test
    void aRemovedStoreIsClosedWithItsLastStatusAndAReason() {
        StatusTransitions.Transition closed = StatusTransitions.removed(store("b", StoreStatus.ONLINE, ""));
        assertEquals(StorageEvents.STORE_CLOSED, closed.topic());
        assertEquals("b", closed.properties().get(StorageEvents.STORE));
        assertEquals("ONLINE", closed.properties().get(StorageEvents.STATUS));
        assertEquals("store 'b' was removed", closed.properties().get(StorageEvents.REASON));
    }

    private static JobInfo job(String id, JobState state) {
        return new JobInfo(id, "backup", "orders", state, 1, 1, 0, "done", 0, 0, 0, "", List.of("orders"), "admin",
                0, 0, 0, null, List.of());
    }

    @Test
    void aFinishedJobIsReportedOnceOldestFirstAndTheSeededOnesNever() {
        FinishedJobs finished = new FinishedJobs();
        finished.seed(List.of(job("j1", JobState.SUCCEEDED)));
        assertEquals(List.of(), finished.next(List.of(job("j1", JobState.SUCCEEDED))));
        List<java.util.Map<String, Object>> fresh = finished.next(List.of(job("j3", JobState.FAILED),
                job("j2", JobState.CANCELLED), job("j1", JobState.SUCCEEDED)));
        assertEquals(List.of("j2", "j3"), fresh.stream().map(p -> p.get(StorageEvents.JOB_ID)).toList());
        assertEquals("FAILED", fresh.get(1).get(StorageEvents.JOB_STATE));
        assertEquals("backup", fresh.get(1).get(StorageEvents.JOB_TYPE));
        assertEquals(List.of(), finished.next(List.of(job("j3", JobState.FAILED), job("j2", JobState.CANCELLED))));
    }
}
