package dev.strata.backend.xodus.internal;

/**
 * Sets the thread context class loader to this bundle's class loader for the length of a try block. Xodus looks
 * providers up through the context class loader first (ciphers, log readers and writers): in OSGi the caller's
 * loader may see another Xodus copy or none, and the shared threads Xodus creates keep the loader they were
 * created under.
 */
final class ContextClassLoaderScope implements AutoCloseable {

    private final Thread thread = Thread.currentThread();
    private final ClassLoader previous = thread.getContextClassLoader();

    private ContextClassLoaderScope() {
        thread.setContextClassLoader(ContextClassLoaderScope.class.getClassLoader());
    }

    static ContextClassLoaderScope enter() {
        return new ContextClassLoaderScope();
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
