package dev.strata.api.management;

/**
 * One installed backend ({@code dev.strata:type=Backend,name=<type>}), read by role {@code monitor}: the bundle that
 * provides it and what it declares it can do, so a console shows capabilities instead of guessing them.
 */
public interface BackendMXBean {

    /** The backend type stores name ({@code file}, {@code xodus}, ...). */
    String getType();

    String getBundleSymbolicName();

    long getBundleId();

    String getBundleVersion();

    /** The bundle's state: {@code ACTIVE}, {@code RESOLVED}, {@code STARTING}, ... */
    String getBundleState();

    /** The durability levels it honours, weakest first. */
    String[] getDurabilityLevels();

    /** The isolation levels it provides. */
    String[] getIsolationLevels();

    boolean isPersistent();

    /** Whether it can encrypt data at rest. */
    boolean isEncryption();

    boolean isCompression();

    boolean isNativeTtl();

    boolean isNativeSnapshot();

    /** Engine figures it does not track (reported as -1). */
    String[] getUntrackedFigures();

    /** The stores defined on this backend, sorted. */
    String[] getStores();

    /** The settings a store on this backend takes (its metatype), for a console's form. */
    SettingInfo[] getSettings();
}
