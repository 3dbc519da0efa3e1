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

/** Successive store lists become one event per status change; finished jobs one event each. */
class StatusTransitionsTest {

    private static StoreInfo store(String name, StoreStatus status, String message) {
        return new StoreInfo(name, "file", status, Durability.OS, message);
    }

    @Test
    void eachStatusChangeIsOneEventWithTheStoreBackendStatusAndReason() {
        StatusTransitions transitions = new StatusTransitions();
        transitions.seed(List.of(store("a", StoreStatus.ONLINE, ""), store("b", StoreStatus.ONLINE, "")));
        assertEquals(List.of(), transitions.next(List.of(store("a", StoreStatus.ONLINE, ""),
                store("b", StoreStatus.ONLINE, ""))), "no change, no event");

        List<StatusTransitions.Transition> down = transitions.next(List.of(
                store("a", StoreStatus.UNAVAILABLE, "backend 'file' is not installed"), store("b", StoreStatus.ONLINE, "")));
        assertEquals(1, down.size());
        assertEquals(StorageEvents.STORE_UNAVAILABLE, down.get(0).topic());
        assertEquals("a", down.get(0).properties().get(StorageEvents.STORE));
        assertEquals("file", down.get(0).properties().get(StorageEvents.BACKEND));
        assertEquals("UNAVAILABLE", down.get(0).properties().get(StorageEvents.STATUS));
        assertEquals("backend 'file' is not installed", down.get(0).properties().get(StorageEvents.REASON));
        assertEquals(List.of(), transitions.next(List.of(store("a", StoreStatus.UNAVAILABLE, "other words"),
                store("b", StoreStatus.ONLINE, ""))), "a new message alone is no transition");

        List<StatusTransitions.Transition> next = transitions.next(List.of(store("a", StoreStatus.OPENING, "x"),
                store("c", StoreStatus.READ_ONLY, "fsync failed")));
        assertEquals(List.of(StorageEvents.STORE_OPENING, StorageEvents.STORE_READ_ONLY, StorageEvents.STORE_CLOSED),
                next.stream().map(StatusTransitions.Transition::topic).toList());
        assertEquals("b", next.get(2).properties().get(StorageEvents.STORE));
        assertEquals(StorageEvents.STORE_ONLINE,
                transitions.next(List.of(store("a", StoreStatus.ONLINE, ""), store("c", StoreStatus.READ_ONLY, "")))
                        .get(0).topic());
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
