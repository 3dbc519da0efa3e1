package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.strata.api.StoreStatus;

/** A started catalog with a recording publisher and log, for tests. */
final class CatalogFixture implements AutoCloseable {

    final StoreCatalog catalog = new StoreCatalog();
    final List<String> published = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    CatalogFixture(Path dataRoot) {
        this(dataRoot, false);
    }

    CatalogFixture(Path dataRoot, boolean duringFrameworkStart) {
        catalog.start(dataRoot, new StoreCatalog.Publisher() {
            @Override
            public void publish(ManagedStore store) {
                published.add(store.name());
            }

            @Override
            public void withdraw(ManagedStore store) {
                published.remove(store.name());
            }
        }, new StoreCatalog.Events() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void error(String message, Throwable cause) {
                log.add("ERROR " + message);
            }
        }, duringFrameworkStart);
    }

    ManagedStore store(String name) {
        return catalog.find(name).orElseThrow();
    }

    StoreStatus status(String name) {
        return store(name).info().status();
    }

    /** Waits until every lifecycle step queued so far for the store has run. */
    void settle(String name) throws Exception {
        catalog.idle(name).get(30, TimeUnit.SECONDS);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        catalog.stop();
    }
}
