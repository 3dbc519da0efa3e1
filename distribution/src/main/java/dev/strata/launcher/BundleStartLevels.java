package dev.strata.launcher;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Moves named bundles to a later start level. Felix's auto-deploy gives every jar of {@code bundle/} the same level;
 * {@code strata.startlevel.2=org.apache.felix.gogo.shell} (bundle symbolic names, comma separated) makes the Gogo
 * shell start only after everything else has started, so the first command it reads, typed or piped, already finds
 * the {@code strata:*} commands. The framework property {@code org.osgi.framework.startlevel.beginning} must reach
 * the highest level used.
 */
final class BundleStartLevels {

    static final String PREFIX = "strata.startlevel.";

    private BundleStartLevels() {
    }

    static void apply(Map<String, String> properties, BundleContext context) {
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                int level = parseLevel(name);
                Set<String> symbolicNames = Arrays.stream(value.split(",")).map(String::trim)
                        .filter(bsn -> !bsn.isEmpty()).collect(Collectors.toSet());
                for (Bundle bundle : context.getBundles()) {
                    if (symbolicNames.contains(bundle.getSymbolicName())) {
                        bundle.adapt(BundleStartLevel.class).setStartLevel(level);
                    }
                }
            }
        });
    }

    private static int parseLevel(String propertyName) {
        String level = propertyName.substring(PREFIX.length());
        try {
            int parsed = Integer.parseInt(level);
            if (parsed < 1) {
                throw new NumberFormatException("below 1");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "framework property " + propertyName + ": '" + level + "' is not a start level (1 or more)", e);
        }
    }
}
