package dev.strata.core.internal;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.BackendInfo;
import dev.strata.api.ChangeListener;
import dev.strata.api.WriteHook;
import dev.strata.api.NotFoundException;
import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.management.StoreControl;
import dev.strata.api.management.StoreStatusListener;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The storage service: matches store definitions with installed backends. Backends come and go as bundles do; the
 * catalog opens a store when both its definition and its backend are present, publishes it as a {@link Store}
 * service, and closes it (after in-flight work) when either goes away. Engines open and close on the catalog's
 * own threads, never on the DS thread that delivers a configuration or a backend (except that a departing
 * backend's unbind waits for its stores to close, since its code goes away next).
 */
@Component(service = {StorageService.class, StoreRegistry.class, StoreControl.class}, immediate = true)
public class StorageServiceComponent implements StorageService, StoreRegistry, StoreControl {

    /** Framework property naming the directory that holds every store's directory. */
    public static final String DATA_PROPERTY = "strata.data";

    @Reference(service = LoggerFactory.class)
    private Logger logger;

    private final StoreCatalog catalog = new StoreCatalog();
    private final ChangeHub changes = new ChangeHub((message, failure) -> logger.error(message, failure));
    private final StatusHub statuses = new StatusHub((message, failure) -> logger.error(message, failure));

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(DATA_PROPERTY);
        Path dataRoot = Path.of(configured != null ? configured : System.getProperty("user.dir") + "/data");
        boolean starting = FrameworkStart.isStarting(context);
        catalog.hubs(changes, statuses);
        catalog.start(dataRoot, new StorePublisher(context), new CatalogLog(logger), starting);
        if (starting) {
            FrameworkStart.whenStarted(context, catalog::frameworkStarted);
        }
        logger.info("Strata storage service started; store data under {}", dataRoot.toAbsolutePath());
    }

    @Deactivate
    void deactivate() {
        catalog.stop();
        changes.stop();
        statuses.stop();
    }

    /** The change listeners' whiteboard: {@link ChangeListener} services with store and pattern properties. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindChangeListener(ChangeListener listener, Map<String, Object> properties) {
        changes.add(listener, properties);
    }

    void unbindChangeListener(ChangeListener listener) {
        changes.remove(listener);
    }

    /** The status listeners' whiteboard: each is told every store status change from binding on, in order. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindStatusListener(StoreStatusListener listener) {
        statuses.add(listener);
    }

    void unbindStatusListener(StoreStatusListener listener) {
        statuses.remove(listener);
    }

    /** The write hooks' whiteboard ({@link WriteHook}): they take part in every store's writes from binding on. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindWriteHook(WriteHook hook, Map<String, Object> properties) {
        changes.addWriteHook(hook, properties);
    }

    void unbindWriteHook(WriteHook hook) {
        changes.removeWriteHook(hook);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBackend(StorageBackend backend, ServiceReference<StorageBackend> reference) {
        catalog.addBackend(backend, describe(backend, reference));
    }

    void unbindBackend(StorageBackend backend, ServiceReference<StorageBackend> reference) {
        catalog.removeBackend(backend);
    }

    @Override
    public void define(StoreDefinition definition) {
        catalog.define(definition);
    }

    @Override
    public void remove(String name) {
        catalog.remove(name);
    }

    @Override
    public void reopen(String name) {
        catalog.reopen(name);
    }

    @Override
    public void close(String name) {
        catalog.close(name);
    }

    @Override
    public void checkpoint(String name) {
        catalog.runNow(name, "checkpoint", engine -> engine.checkpoint());
    }

    @Override
    public void compact(String name) {
        catalog.runNow(name, "compact", engine -> engine.compact());
    }

    @Override
    public List<StoreInfo> stores() {
        return catalog.stores().stream().map(Store::info).sorted(Comparator.comparing(StoreInfo::name)).toList();
    }

    @Override
    public Store store(String name) {
        return findStore(name).orElseThrow(() -> new NotFoundException("No store named '" + name
                + "'. Defined stores: " + String.join(", ", stores().stream().map(StoreInfo::name).toList())));
    }

    @Override
    public Optional<Store> findStore(String name) {
        return catalog.find(name).map(Store.class::cast);
    }

    @Override
    public List<BackendInfo> backends() {
        return catalog.backends().stream().sorted(Comparator.comparing(BackendInfo::type)).toList();
    }

    private static BackendInfo describe(StorageBackend backend, ServiceReference<StorageBackend> reference) {
        Object type = reference.getProperty(StorageBackend.TYPE_PROPERTY);
        if (!(type instanceof String text) || text.isBlank()) {
            throw new StorageException("backend service " + reference + " has no " + StorageBackend.TYPE_PROPERTY
                    + " property");
        }
        return new BackendInfo(text, reference.getBundle().getSymbolicName(),
                reference.getBundle().getVersion().toString(), backend.capabilities());
    }

    /** Routes the catalog's events to the OSGi log. */
    private record CatalogLog(Logger logger) implements StoreCatalog.Events {
        @Override
        public void info(String message) {
            logger.info(message);
        }

        @Override
        public void error(String message, Throwable cause) {
            logger.error(message, cause);
        }
    }

    static Map<String, Object> serviceProperties(ManagedStore store) {
        return Map.of(Store.NAME_PROPERTY, store.name(), StorageBackend.TYPE_PROPERTY, store.definition().backend());
    }
}
