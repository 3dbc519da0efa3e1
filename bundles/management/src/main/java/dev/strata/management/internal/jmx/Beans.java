package dev.strata.management.internal.jmx;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.strata.api.StorageException;

/** Registers and unregisters beans, replacing a stale registration left by an earlier start of the bundle. */
final class Beans {

    private Beans() {
    }

    static void register(MBeanServer server, ObjectName name, Object bean) {
        try {
            try {
                server.registerMBean(bean, name);
            } catch (InstanceAlreadyExistsException e) {
                server.unregisterMBean(name);
                server.registerMBean(bean, name);
            }
        } catch (JMException e) {
            throw new StorageException("cannot register the JMX bean " + name + ": " + e.getMessage(), e);
        }
    }

    static void unregister(MBeanServer server, ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            throw new StorageException("cannot unregister the JMX bean " + name + ": " + e.getMessage(), e);
        }
    }
}
