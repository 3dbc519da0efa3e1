package dev.strata.distribution;

import javax.inject.Inject;

import dev.strata.api.StorageService;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.BundleContext;

/**
 * Strata's log-structured engine bundle (backend-file) is stopped, started, updated, uninstalled and installed again
 * while a client writes to the shipped store {@code files} (fsync) without pause: no acknowledged write is lost, no
 * refused write is applied, and the client is refused only while the engine is away (see
 * {@link EngineHotSwapScenario}).
 */
@RunWith(PaxExam.class)
public class FileEngineHotSwapIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(FileEngineHotSwapIT.class);
    }

    @Test
    public void everyAcknowledgedWriteSurvivesStopStartUpdateUninstallAndReinstallOfTheFileEngine()
            throws Exception {
        new EngineHotSwapScenario(context, storage, "files", "file", EngineBundles.file(context)).run();
    }
}
