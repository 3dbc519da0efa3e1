package dev.strata.management.internal.jmx;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The JMX connector's settings (PID {@value JmxComponent#PID}); paths are relative to {@code strata.home}. */
@ObjectClassDefinition(name = "Strata JMX connector",
        description = "A password-protected JMX connector on a local address, with roles and an audit trail.")
public @interface JmxSettings {

    @AttributeDefinition(name = "Enabled", description = "Whether the connector listens at all.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Address", required = false, description = "The local address to listen on; empty: "
            + "the framework property strata.jmx.host (etc/config.properties), else 127.0.0.1. Keep it a loopback "
            + "address unless the port is protected otherwise (TLS: strata.jmx.tls.keystore).")
    String host() default "";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "One port for the RMI registry and "
            + "the connector; 0: the framework property strata.jmx.port (etc/config.properties), else 9099.")
    int port() default 0;

    @AttributeDefinition(name = "Users file", description = "Users, roles and password hashes; created with a "
            + "generated admin password (printed once on the console) when missing.")
    String usersFile() default "etc/jmx.users";

    @AttributeDefinition(name = "Audit trail", description = "The hash-chained audit log.")
    String auditFile() default "data/audit/audit.log";
}
