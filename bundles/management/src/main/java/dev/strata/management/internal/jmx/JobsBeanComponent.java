package dev.strata.management.internal.jmx;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;

import dev.strata.api.management.JobService;
import dev.strata.api.management.ObjectNames;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Registers {@code dev.strata:type=Jobs} while a job service is there. */
@Component(immediate = true, service = {})
public final class JobsBeanComponent {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Activate
    public JobsBeanComponent(@Reference JobService jobs) {
        Beans.register(server, ObjectNames.jobs(), new JobsBean(jobs));
    }

    @Deactivate
    void deactivate() {
        Beans.unregister(server, ObjectNames.jobs());
    }
}
