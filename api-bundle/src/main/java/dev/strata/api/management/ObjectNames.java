package dev.strata.api.management;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The JMX names of Strata's MXBeans. */
public final class ObjectNames {

    public static final String DOMAIN = "dev.strata";

    private ObjectNames() {
    }

    /** {@code dev.strata:type=Store,name=<store>} */
    public static ObjectName store(String name) {
        return of("Store", name);
    }

    /** {@code dev.strata:type=Backend,name=<type>} */
    public static ObjectName backend(String type) {
        return of("Backend", type);
    }

    /** {@code dev.strata:type=Jobs} */
    public static ObjectName jobs() {
        return of("Jobs", null);
    }

    /** {@code dev.strata:type=Access} */
    public static ObjectName access() {
        return of("Access", null);
    }

    /** {@code dev.strata:type=Audit} */
    public static ObjectName audit() {
        return of("Audit", null);
    }

    /** {@code dev.strata:type=DataBrowser} */
    public static ObjectName dataBrowser() {
        return of("DataBrowser", null);
    }

    /** {@code dev.strata:type=Documents} (since 0.3) */
    public static ObjectName documents() {
        return of("Documents", null);
    }

    /** {@code dev.strata:type=Runtime} */
    public static ObjectName runtime() {
        return of("Runtime", null);
    }

    private static ObjectName of(String type, String name) {
        try {
            String text = DOMAIN + ":type=" + type + (name == null ? "" : ",name=" + ObjectName.quote(name));
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a JMX name part: " + name, e);
        }
    }
}
