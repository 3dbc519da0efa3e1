package dev.strata.documents.internal;

import java.lang.management.ManagementFactory;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;

import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.document.DocumentService;
import dev.strata.api.management.ObjectNames;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers {@code dev.strata:type=Documents} on the platform MBean server (where the management bundle's secured
 * connector serves it) while the storage and document services are there. The documents bundle registers its own
 * bean so that the management bundle needs no document code.
 */
@Component(immediate = true, service = {})
public final class DocumentsBeanComponent {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Activate
    public DocumentsBeanComponent(@Reference StorageService storage, @Reference DocumentService documents) {
        register(server, new DocumentsBean(storage, documents));
    }

    @Deactivate
    void deactivate() {
        unregister(server);
    }

    /** Registers the bean, replacing a stale registration an earlier start of the bundle left behind. */
    static void register(MBeanServer server, DocumentsBean bean) {
        try {
            unregister(server);
            server.registerMBean(bean, ObjectNames.documents());
        } catch (JMException e) {
            throw new StorageException("cannot register " + ObjectNames.documents() + ": " + e.getMessage(), e);
        }
    }

    static void unregister(MBeanServer server) {
        try {
            server.unregisterMBean(ObjectNames.documents());
        } catch (InstanceNotFoundException e) {
            // not registered
        } catch (JMException e) {
            throw new StorageException("cannot unregister " + ObjectNames.documents() + ": " + e.getMessage(), e);
        }
    }
}
