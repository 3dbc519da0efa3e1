package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import javax.inject.Inject;

import dev.strata.api.StorageService;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** The assembled runtime boots: every bundle of {@code bundle/} resolves and starts, and Strata's components work. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBundlesIT {

    @Inject
    private BundleContext context;

    /** Injected only once core has registered it: the runtime is up. */
    @Inject
    private StorageService storage;

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(RuntimeBundlesIT.class);
    }

    /** Failsafe runs these tests once per framework and says which one each run is for. */
    @Test
    public void theFrameworkIsTheOneThisRunIsFor() {
        String expected = System.getProperty("strata.it.framework");
        if (expected != null) {
            assertEquals("the system bundle", expected, context.getBundle(0).getSymbolicName());
        }
    }

    @Test
    public void everyBundleOfTheRuntimeIsInstalled() {
        Set<String> installed = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
                .collect(Collectors.toSet());
        List<String> missing = StrataRuntime.runtimeBundles().stream().map(RuntimeBundlesIT::symbolicName)
                .filter(name -> !installed.contains(name)).toList();
        assertEquals("bundles of bundle/ that are not installed", List.of(), missing);
    }

    @Test
    public void everyBundleIsActiveExceptFragments() {
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(bundle -> !isFragment(bundle) && bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " " + stateName(bundle.getState()))
                .toList();
        assertEquals("bundles that are not ACTIVE", List.of(), notActive);
    }

    @Test
    public void noStrataComponentIsUnsatisfiedOrFailed() {
        Bundle[] strataBundles = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().startsWith("dev.strata."))
                .toArray(Bundle[]::new);
        assertTrue("no Strata bundle is installed", strataBundles.length > 0);
        List<String> broken = componentRuntime.getComponentDescriptionDTOs(strataBundles).stream()
                .flatMap(description -> componentRuntime.getComponentConfigurationDTOs(description).stream())
                .filter(configuration -> configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                        || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                .map(configuration -> configuration.description.name + " state " + configuration.state
                        + (configuration.failure == null ? "" : ": " + configuration.failure))
                .toList();
        assertEquals("Strata components that cannot work", List.of(), broken);
    }

    @Test
    public void theStorageServiceAnswers() {
        assertTrue("backends: " + storage.backends(),
                storage.backends().stream().anyMatch(backend -> backend.type().equals("memory")));
    }

    private static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static String symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String header = file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return header.split(";")[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }
}
