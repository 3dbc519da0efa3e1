package dev.strata.crypto.internal.codec;

import java.util.function.Supplier;

import net.jpountz.lz4.LZ4Factory;

/**
 * Chooses the LZ4 implementation. {@code LZ4Factory.fastestInstance()} only tries the native codec when lz4-java
 * sits on the system class loader, so inside OSGi it quietly returns the pure-Java one; this asks for the native
 * codec explicitly and says so in the log when it has to fall back.
 */
public final class Lz4Factories {

    private static final System.Logger LOG = System.getLogger(Lz4Factories.class.getName());

    private Lz4Factories() {
    }

    /** The native (JNI) codec when it loads on this platform, else the pure-Java safe codec. */
    public static LZ4Factory nativeOrJava() {
        return nativeOrJava(LZ4Factory::nativeInstance);
    }

    /**
     * The factory {@code nativeLoader} returns, or the pure-Java safe codec when it fails to load. The safe codec is
     * also what {@code fastestJavaInstance()} gives in lz4-java 1.13, which dropped the {@code sun.misc.Unsafe}
     * variants after CVE-2025-12183; naming it avoids surprises if that changes.
     */
    static LZ4Factory nativeOrJava(Supplier<LZ4Factory> nativeLoader) {
        try {
            LZ4Factory factory = nativeLoader.get();
            LOG.log(System.Logger.Level.INFO, "LZ4 uses the native codec ({0})", factory);
            return factory;
        } catch (LinkageError | RuntimeException e) {
            LZ4Factory factory = LZ4Factory.safeInstance();
            LOG.log(System.Logger.Level.WARNING, "LZ4 native codec unavailable on {0}/{1} ({2}); using {3}, "
                    + "which is several times slower", System.getProperty("os.name"),
                    System.getProperty("os.arch"), e, factory);
            return factory;
        }
    }
}
