package dev.strata.core.internal;

import java.util.Map;

import dev.strata.api.StorageException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One store configuration (factory PID {@value StoreConfiguration#PID}): defines the store while the configuration
 * exists. An invalid configuration is reported in the log and defines nothing.
 */
@Component(configurationPid = StoreConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = StoreConfiguration.class, factory = true)
public class StoreConfigComponent {

    @Reference
    private StoreRegistry registry;

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    private String definedName;

    @Activate
    void activate(Map<String, Object> config) {
        apply(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        apply(null);
    }

    /**
     * Replaces whatever this configuration defined with what it defines now ({@code null}: nothing). A new
     * configuration is validated before the old definition is dropped, so an invalid update (a half-written file)
     * leaves the running store alone.
     */
    private synchronized void apply(Map<String, Object> config) {
        StoreDefinition next = null;
        if (config != null) {
            try {
                next = StoreDefinition.from(config);
            } catch (StorageException e) {
                logger.error("Store configuration {} is not valid and was not applied: {}", config.get("service.pid"),
                        e.getMessage());
                return;
            }
        }
        if (definedName != null) {
            registry.remove(definedName);
            definedName = null;
        }
        if (next == null) {
            return;
        }
        try {
            registry.define(next);
            definedName = next.name();
        } catch (StorageException e) {
            logger.error("Store configuration {} was not applied: {}", config.get("service.pid"), e.getMessage());
        }
    }
}
