package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;

import javax.management.ObjectName;

import dev.strata.api.management.DocumentsMXBean;
import dev.strata.api.management.ObjectNames;

import org.junit.jupiter.api.Test;

/** The documents bean (registered by the documents bundle) only reads: every one of its operations is for monitor. */
class DocumentsAccessPolicyTest {

    @Test
    void everyOperationOfTheDocumentsBeanNeedsOnlyMonitor() {
        ObjectName documents = ObjectNames.documents();
        for (Method operation : DocumentsMXBean.class.getMethods()) {
            assertEquals(Role.MONITOR, AccessPolicy.required("invoke", documents, operation.getName()).orElseThrow(),
                    operation.getName());
        }
    }

    @Test
    void anOperationOfTheDocumentsBeanThatIsNotNamedAsAReadNeedsAdmin() {
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.documents(), "dropCollection"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.documents(), "explainer"),
                "a prefix counts only before an upper-case letter");
    }
}
