package dev.strata.core.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Whether the framework is still starting its bundles, and a call back once it has: until then, a backend a
 * store needs may be about to register (the bundles of {@code bundle/} start one after another).
 */
final class FrameworkStart implements FrameworkListener {

    private final BundleContext context;
    private final Runnable started;

    private FrameworkStart(BundleContext context, Runnable started) {
        this.context = context;
        this.started = started;
    }

    /** Whether the framework is still starting its bundles. */
    static boolean isStarting(BundleContext context) {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() == Bundle.STARTING;
    }

    /**
     * Runs {@code started} once the framework has started (at once if it has by now), on a framework thread, perhaps
     * twice: it must not mind. The listener leaves by itself then, or when core's bundle stops.
     */
    static void whenStarted(BundleContext context, Runnable started) {
        FrameworkStart listener = new FrameworkStart(context, started);
        context.addFrameworkListener(listener);
        if (!isStarting(context)) { // it finished starting before the listener was there: the event has gone by
            listener.frameworkEvent(new FrameworkEvent(FrameworkEvent.STARTED, context.getBundle(0), null));
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            try {
                context.removeFrameworkListener(this);
            } catch (IllegalStateException stopped) {
                // core stopped meanwhile; nothing to tell
            }
            started.run();
        }
    }
}
