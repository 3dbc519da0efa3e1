package dev.strata.management.internal.events;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.strata.api.StoreInfo;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobService;
import dev.strata.api.management.StorageEvents;
import dev.strata.api.management.StoreStatusListener;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts {@link StorageEvents} on EventAdmin (asynchronously, {@code postEvent}): each store status change as core
 * tells it (this component is a {@link StoreStatusListener} on core's whiteboard, called in order on core's status
 * thread, so a flap of a few milliseconds gives its two events), and a job reaching a final state, seen in the job
 * service's history every {@value #TICK_MILLIS} ms ({@link FinishedJobs}).
 */
@Component(immediate = true, service = StoreStatusListener.class)
public final class StorageEventsComponent implements StoreStatusListener {

    static final long TICK_MILLIS = 200;

    private final EventAdmin events;
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
    public StorageEventsComponent(@Reference EventAdmin events) {
        this.events = events;
        timer.scheduleWithFixedDelay(this::lookAtJobs, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void statusChanged(StoreInfo store) {
        post(StatusTransitions.changed(store));
    }

    @Override
    public void storeRemoved(StoreInfo lastSeen) {
        post(StatusTransitions.removed(lastSeen));
    }

    private void post(StatusTransitions.Transition transition) {
        events.postEvent(new Event(transition.topic(), transition.properties()));
    }

    private void lookAtJobs() {
        try {
            JobService current = jobs;
            if (current != null) {
                List<JobInfo> history = current.history(100);
                if (!jobsSeeded) {
                    finished.seed(history);
                    jobsSeeded = true;
                } else {
                    finished.next(history).forEach(p -> events.postEvent(new Event(StorageEvents.JOB_FINISHED, p)));
                }
            }
        } catch (RuntimeException e) {
            // the next tick tries again
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
