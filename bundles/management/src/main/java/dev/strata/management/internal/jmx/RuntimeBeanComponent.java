package dev.strata.management.internal.jmx;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;

import dev.strata.api.StorageService;
import dev.strata.api.management.ObjectNames;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;

/** Registers {@code dev.strata:type=Runtime}. */
@Component(immediate = true, service = {})
public final class RuntimeBeanComponent {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Activate
    public RuntimeBeanComponent(BundleContext context, @Reference StorageService storage,
            @Reference ConfigurationAdmin configs, @Reference MetaTypeService metatype) {
        Beans.register(server, ObjectNames.runtime(),
                new RuntimeBean(storage, configs, context, new StoreForms(context, metatype)));
    }

    @Deactivate
    void deactivate() {
        Beans.unregister(server, ObjectNames.runtime());
    }
}
