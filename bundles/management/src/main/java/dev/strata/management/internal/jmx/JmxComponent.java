package dev.strata.management.internal.jmx;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import javax.management.MBeanServer;
import javax.net.ssl.SSLContext;

import dev.strata.api.management.ObjectNames;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Starts the secured JMX connector on the platform MBean server and registers the access and audit beans. On the
 * first start, when {@code etc/jmx.users} is missing, it creates an {@code admin} user with a generated password and
 * prints that password once on the console (never into a log file). A configuration change restarts it.
 */
@Component(immediate = true, service = JmxComponent.class, configurationPid = JmxComponent.PID)
@Designate(ocd = JmxSettings.class)
public final class JmxComponent {

    static final String PID = "dev.strata.jmx";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final AuditTrail audit;
    private final JmxConnector connector;

    @Activate
    public JmxComponent(BundleContext context, JmxSettings settings,
            @Reference(service = LoggerFactory.class) Logger log) {
        Path home = home(context);
        this.audit = new AuditTrail(home.resolve(settings.auditFile()));
        Beans.register(server, ObjectNames.audit(), new AuditBean(audit));
        Beans.register(server, ObjectNames.access(), new AccessBean());
        if (!settings.enabled()) {
            connector = null;
            log.info("JMX connector disabled ({}: enabled=false)", PID);
            return;
        }
        UserDirectory users = new UserDirectory(home.resolve(settings.usersFile()));
        Optional<char[]> generated = users.createIfMissing();
        String host = !settings.host().isBlank() ? settings.host() : property(context, "strata.jmx.host", "127.0.0.1");
        int port = settings.port() > 0 ? settings.port() : Integer.parseInt(property(context, "strata.jmx.port", "9099"));
        SSLContext tls = JmxTls.fromProperties(context::getProperty, home).orElse(null);
        connector = JmxConnector.start(host, port, server, users, audit, tls);
        log.info("JMX connector listening on {} ({}; users in {})", connector.url(),
                tls == null ? "plain sockets" : "TLS, keystore " + context.getProperty(JmxTls.KEYSTORE), users.file());
        generated.ifPresent(password -> announce(connector, users, password));
        audit.append("runtime", "local", "start", "jmx", connector.url().toString(), "ok");
    }

    /** The first start's admin password, shown once; System.out is the operator's console here. */
    private static void announce(JmxConnector connector, UserDirectory users, char[] password) {
        System.out.println();
        System.out.println("JMX: created user 'admin' with password " + new String(password));
        System.out.println("     (shown only now; its hash is in " + users.file() + ")");
        System.out.println("     connect: " + connector.url() + (connector.tls() ? " (TLS)" : ""));
        System.out.println();
        Arrays.fill(password, '\0');
    }

    AuditTrail audit() {
        return audit;
    }

    @Deactivate
    void deactivate() {
        try {
            if (connector != null) {
                connector.close();
            }
        } finally {
            Beans.unregister(server, ObjectNames.audit());
            Beans.unregister(server, ObjectNames.access());
        }
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static Path home(BundleContext context) {
        String home = context.getProperty("strata.home");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.dir"));
    }
}
