package dev.strata.management.internal.events;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.StorageService;
import dev.strata.api.management.JobService;
import dev.strata.api.management.StorageEvents;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts {@link StorageEvents} on EventAdmin (asynchronously, {@code postEvent}): a store's status change, seen by
 * looking at the store list every {@value #TICK_MILLIS} ms ({@link StatusTransitions}), and a job reaching a final
 * state, seen in the job service's history ({@link FinishedJobs}). A status that lasts less than a tick (a store
 * opening in a few milliseconds) may be reported only by the status that follows it.
 */
@Component(immediate = true, service = {})
public final class StorageEventsComponent {

    static final long TICK_MILLIS = 200;

    private final StorageService storage;
    private final EventAdmin events;
    private final StatusTransitions transitions = new StatusTransitions();
    private final FinishedJobs finished = new FinishedJobs();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "strata-events");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobService jobs;
    private boolean jobsSeeded;

    @Activate
    public StorageEventsComponent(@Reference StorageService storage, @Reference EventAdmin events) {
        this.storage = storage;
        this.events = events;
        transitions.seed(storage.stores());
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            transitions.next(storage.stores()).forEach(t -> events.postEvent(new Event(t.topic(), t.properties())));
            JobService current = jobs;
            if (current != null) {
                List<dev.strata.api.management.JobInfo> history = current.history(100);
                if (!jobsSeeded) {
                    finished.seed(history);
                    jobsSeeded = true;
                } else {
                    finished.next(history).forEach(p -> events.postEvent(new Event(StorageEvents.JOB_FINISHED, p)));
                }
            }
        } catch (RuntimeException e) {
            // the next tick tries again; a storage service going away ends the component anyway
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
