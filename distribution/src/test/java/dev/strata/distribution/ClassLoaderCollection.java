package dev.strata.distribution;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Proves that a class loader can be garbage collected: only a weak reference to it is held, and the collector is
 * asked to run, under allocation pressure, until the reference is cleared or the time runs out. When it runs out the
 * heap is dumped next to the test's runtime homes, so what still holds the loader can be found (GC roots of the
 * loader's instance in Eclipse MAT or VisualVM).
 */
final class ClassLoaderCollection {

    private static final int PRESSURE_CHUNK_BYTES = 1 << 20;
    private static final int PRESSURE_CHUNKS = 32;

    private ClassLoaderCollection() {
    }

    static void awaitCollected(WeakReference<? extends ClassLoader> loader, String what) {
        try {
            Await.until(what + " garbage collected", () -> {
                collectUnderPressure();
                return loader.get() == null;
            });
        } catch (AssertionError e) {
            // no cause: Pax Exam reports the innermost cause, which would hide the dump's name
            throw new AssertionError(e.getMessage() + "; a heap dump for finding what holds it: " + dumpHeap());
        }
    }

    private static void collectUnderPressure() {
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < PRESSURE_CHUNKS; i++) {
            garbage.add(new byte[PRESSURE_CHUNK_BYTES]);
        }
        garbage.clear();
        System.gc();
    }

    /** Dumps the live objects of this JVM through the HotSpot diagnostic MBean; returns the file or why not. */
    private static String dumpHeap() {
        try {
            Path dir = Files.createDirectories(Paths.get(System.getProperty(StrataRuntime.WORK_DIR_PROPERTY,
                    System.getProperty("java.io.tmpdir"))));
            Path file = dir.resolve("class-loader-leak-" + ProcessHandle.current().pid() + "-" + System.nanoTime()
                    + ".hprof");
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                    new Object[] {file.toString(), Boolean.TRUE}, new String[] {String.class.getName(), "boolean"});
            return file.toString();
        } catch (Exception e) {
            return "none (" + e + ")";
        }
    }
}
