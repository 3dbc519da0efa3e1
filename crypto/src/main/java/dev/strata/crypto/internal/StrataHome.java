package dev.strata.crypto.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/**
 * Resolves default file locations under the runtime's home folder, named by the framework (or system) property
 * {@value #PROPERTY}; the working directory when it is not set.
 */
public final class StrataHome {

    /** Framework or system property naming the runtime's home folder. */
    public static final String PROPERTY = "strata.home";

    private StrataHome() {
    }

    /** {@code configured} when it is not blank, else {@code relative} under the home folder. */
    public static Path resolve(BundleContext context, String configured, String relative) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String home = context == null ? null : context.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.dir");
        }
        return Path.of(home).resolve(relative);
    }
}
