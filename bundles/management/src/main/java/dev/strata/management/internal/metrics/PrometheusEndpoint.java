package dev.strata.management.internal.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreMetrics;
import dev.strata.api.StoreStatus;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * {@code GET http://127.0.0.1:9098/metrics}: every store's figures for Prometheus (and so Grafana), on the JDK's
 * HTTP server. Loopback only and read only, like JMX's {@code monitor} role without a password: the figures say
 * nothing of the data. Address and port come from {@code strata.metrics.host} / {@code strata.metrics.port} in
 * {@code etc/config.properties}; port {@code 0} turns the endpoint off.
 */
@Component(immediate = true, service = {})
public final class PrometheusEndpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StorageService storage;
    private final HttpServer server;
    private final ExecutorService threads;

    @Activate
    public PrometheusEndpoint(BundleContext context, @Reference StorageService storage,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.storage = storage;
        int port = Integer.parseInt(property(context, "strata.metrics.port", "9098"));
        if (port == 0) {
            server = null;
            threads = null;
            log.info("Prometheus endpoint off (strata.metrics.port=0)");
            return;
        }
        String host = property(context, "strata.metrics.host", "127.0.0.1");
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        threads = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "strata-prometheus");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/metrics", this::serve);
        server.start();
        log.info("Prometheus endpoint on http://{}:{}/metrics", host, port);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = render(storage).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String render(StorageService storage) {
        List<StoreInfo> stores = storage.stores();
        Map<String, StoreMetrics> metrics = new LinkedHashMap<>();
        for (StoreInfo info : stores) {
            // an OPENING store has no engine yet, and asking would wait for it: it is exported as down meanwhile
            if (info.status() != StoreStatus.UNAVAILABLE && info.status() != StoreStatus.OPENING) {
                try {
                    metrics.put(info.name(), storage.store(info.name()).metrics());
                } catch (StorageException e) {
                    // went away since the list was read: exported as down
                }
            }
        }
        return PrometheusText.of(stores, metrics);
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
