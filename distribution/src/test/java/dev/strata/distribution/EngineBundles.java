package dev.strata.distribution;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What an operator does to an engine bundle of the running runtime: find it by symbolic name, update it from its jar,
 * uninstall it, install it again from the jar the runtime boots ({@code target/strata/bundle/}), and refresh so the
 * framework lets go of the old class loader.
 *
 * @param context           the test's bundle context
 * @param symbolicName      the engine bundle's symbolic name, {@code dev.strata.backend-xodus}
 * @param jarNamePrefix     the beginning of its jar's name in {@code bundle/}, {@code backend-xodus-}
 */
record EngineBundles(BundleContext context, String symbolicName, String jarNamePrefix) {

    static EngineBundles xodus(BundleContext context) {
        return new EngineBundles(context, "dev.strata.backend-xodus", "backend-xodus-");
    }

    static EngineBundles file(BundleContext context) {
        return new EngineBundles(context, "dev.strata.backend-file", "backend-file-");
    }

    /** The engine bundle, when installed. */
    Optional<Bundle> find() {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    /** The engine bundle, which must be installed. */
    Bundle installed() {
        return find().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    /** The engine's jar in the assembled runtime's {@code bundle/} folder. */
    Path jar() {
        Path bundleDir = StrataRuntime.distributionDir().resolve("bundle");
        try (Stream<Path> files = Files.list(bundleDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(jarNamePrefix)
                            && f.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + jarNamePrefix + "*.jar in " + bundleDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + bundleDir, e);
        }
    }

    /** Updates the bundle from its own jar (a new revision of the same bytes) and refreshes. */
    void updateFromJar(Bundle bundle) throws BundleException, IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(jar())) {
            bundle.update(in);
        }
        refresh();
    }

    /** Uninstalls the bundle and refreshes, so the framework drops its class loader. */
    void uninstall(Bundle bundle) throws BundleException, InterruptedException {
        bundle.uninstall();
        refresh();
    }

    /** Installs the bundle again from the runtime's jar and starts it. */
    Bundle installFromJarAndStart() throws BundleException {
        Bundle bundle = context.installBundle(jar().toUri().toString());
        bundle.start();
        return bundle;
    }

    /** Refreshes the bundles pending removal and waits until the framework reports it done. */
    void refresh() throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("packages refreshed", refreshed.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
}
