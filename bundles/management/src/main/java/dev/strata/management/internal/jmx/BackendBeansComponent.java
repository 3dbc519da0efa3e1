package dev.strata.management.internal.jmx;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServer;

import dev.strata.api.StorageService;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.spi.StorageBackend;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Keeps one {@code dev.strata:type=Backend,name=<type>} bean per registered backend service: the bean appears when
 * the backend's bundle registers its {@link StorageBackend} and goes when the service does (the bundle stopped,
 * updated or uninstalled). When two services claim one type, the bean describes the latest one and goes with it.
 */
@Component(immediate = true, service = {})
public final class BackendBeansComponent {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<String, ServiceReference<?>> registered = new HashMap<>();
    private final StorageService storage;
    private final StoreForms forms;

    @Activate
    public BackendBeansComponent(BundleContext context, @Reference StorageService storage,
            @Reference MetaTypeService metatype) {
        this.storage = storage;
        this.forms = new StoreForms(context, metatype);
    }

    /** DS calls bind methods after the constructor (the component's activation), so storage and forms are set. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addBackend(StorageBackend backend, ServiceReference<StorageBackend> reference) {
        register(reference, backend);
    }

    synchronized void removeBackend(StorageBackend backend, ServiceReference<StorageBackend> reference) {
        Object type = reference.getProperty(StorageBackend.TYPE_PROPERTY);
        if (type != null && reference.equals(registered.get(type.toString()))) {
            Beans.unregister(server, ObjectNames.backend(type.toString()));
            registered.remove(type.toString());
        }
    }

    private void register(ServiceReference<StorageBackend> reference, StorageBackend backend) {
        Object type = reference.getProperty(StorageBackend.TYPE_PROPERTY);
        if (type == null || reference.getBundle() == null) {
            return; // not a backend (no type) or already unregistered
        }
        Beans.register(server, ObjectNames.backend(type.toString()), new BackendBean(type.toString(),
                reference.getBundle(), backend.capabilities(), storage, forms));
        registered.put(type.toString(), reference);
    }

    @Deactivate
    synchronized void deactivate() {
        registered.keySet().forEach(type -> Beans.unregister(server, ObjectNames.backend(type)));
        registered.clear();
    }
}
