package dev.strata.api.management;

/**
 * Topics and properties of the events Strata posts on OSGi EventAdmin, so that other bundles can react to a store's
 * life and to jobs without polling. Events are posted asynchronously after the change they report.
 */
public final class StorageEvents {

    /** Every store event's topic starts with this; subscribe to {@code dev/strata/store/*}. */
    public static final String STORE_TOPIC_PREFIX = "dev/strata/store/";
    /** A store's engine is open and it serves reads and writes. */
    public static final String STORE_ONLINE = STORE_TOPIC_PREFIX + "ONLINE";
    /** A store serves reads only (after a failure, or by its engine's choice); {@link #REASON} says why. */
    public static final String STORE_READ_ONLY = STORE_TOPIC_PREFIX + "READ_ONLY";
    /** A store cannot serve (backend missing, engine unavailable, open failed); {@link #REASON} says why. */
    public static final String STORE_UNAVAILABLE = STORE_TOPIC_PREFIX + "UNAVAILABLE";
    /** A store's engine is being opened. */
    public static final String STORE_OPENING = STORE_TOPIC_PREFIX + "OPENING";
    /** Its backend is away (or its journal not yet replayed) and its fallback store takes its writes. */
    public static final String STORE_FALLBACK = STORE_TOPIC_PREFIX + "FALLBACK";
    /** A store's definition was removed and its engine closed. */
    public static final String STORE_CLOSED = STORE_TOPIC_PREFIX + "CLOSED";
    /** A job reached a final state; see {@link #JOB_ID}, {@link #JOB_TYPE}, {@link #JOB_STATE}. */
    public static final String JOB_FINISHED = "dev/strata/job/FINISHED";

    /** Event property: the store's name. */
    public static final String STORE = "store";
    /** Event property: the store's backend type. */
    public static final String BACKEND = "backend";
    /** Event property: a {@link dev.strata.api.StoreStatus} name. */
    public static final String STATUS = "status";
    /** Event property: why, one line; empty when there is nothing to say. */
    public static final String REASON = "reason";
    public static final String JOB_ID = "job.id";
    public static final String JOB_TYPE = "job.type";
    /** Event property: a {@link JobState} name. */
    public static final String JOB_STATE = "job.state";

    private StorageEvents() {
    }
}
