package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tests of time-dependent behaviour on every engine share: a clock moved by hand (from {@link #T0}), stores
 * opened in a temporary directory on that clock, and every store still open detached after each test.
 */
abstract class ClockedStores {

    static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(T0);
    final List<ManagedStore> opened = new ArrayList<>();

    @AfterEach
    void closeOpenedStores() {
        opened.forEach(store -> store.detach("test over", 5_000));
    }

    /** A store named {@code name} on {@code engine} and this test's clock; detached after the test. */
    ManagedStore openNamed(Engines engine, String name, Object... settings) {
        ManagedStore store = engine.open(dir, name, clock, settings);
        opened.add(store);
        return store;
    }
}
