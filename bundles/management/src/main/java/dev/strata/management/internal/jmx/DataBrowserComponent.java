package dev.strata.management.internal.jmx;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;

import dev.strata.api.StorageService;
import dev.strata.api.management.ObjectNames;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Registers {@code dev.strata:type=DataBrowser} while the storage service is there. */
@Component(immediate = true, service = {})
public final class DataBrowserComponent {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Activate
    public DataBrowserComponent(@Reference StorageService storage) {
        Beans.register(server, ObjectNames.dataBrowser(), new DataBrowserBean(storage));
    }

    @Deactivate
    void deactivate() {
        Beans.unregister(server, ObjectNames.dataBrowser());
    }
}
