package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;

import javax.management.ObjectName;

import dev.strata.api.management.DocumentsMXBean;
import dev.strata.api.management.ObjectNames;

import org.junit.jupiter.api.Test;

/**
 * The documents bean (registered by the documents bundle): every operation that only reads is for monitor; creating
 * and dropping a key-value index change the store and need admin.
 */
class DocumentsAccessPolicyTest {

    @Test
    void everyReadingOperationOfTheDocumentsBeanNeedsOnlyMonitorAndTheWritingOnesAdmin() {
        ObjectName documents = ObjectNames.documents();
        java.util.Set<String> writes = java.util.Set.of("createKeyValueIndex", "dropKeyValueIndex");
        for (Method operation : DocumentsMXBean.class.getMethods()) {
            assertEquals(writes.contains(operation.getName()) ? Role.ADMIN : Role.MONITOR,
                    AccessPolicy.required("invoke", documents, operation.getName()).orElseThrow(), operation.getName());
        }
    }

    @Test
    void anOperationOfTheDocumentsBeanThatIsNotNamedAsAReadNeedsAdmin() {
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.documents(), "dropCollection"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.documents(), "explainer"),
                "a prefix counts only before an upper-case letter");
    }
}
