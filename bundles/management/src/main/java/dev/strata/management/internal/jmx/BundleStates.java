package dev.strata.management.internal.jmx;

import org.osgi.framework.Bundle;

/** A bundle's state as the word a console shows. */
final class BundleStates {

    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
