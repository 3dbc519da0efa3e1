package dev.strata.management.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.api.management.ObjectNames;

import org.junit.jupiter.api.Test;

/** The roles the policy's name rules give the data browser's and the backend beans' operations. */
class AccessPolicyTest {

    @Test
    void theDataBrowserReadsForMonitorsAndWritesForAdminsOnly() {
        assertEquals(Role.MONITOR, AccessPolicy.forOperation(ObjectNames.dataBrowser(), "listKeys"));
        assertEquals(Role.MONITOR, AccessPolicy.forOperation(ObjectNames.dataBrowser(), "getValue"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.dataBrowser(), "putValue"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.dataBrowser(), "deleteValue"));
    }

    @Test
    void storeMaintenanceIsForOperatorsAndRuntimeChangesForAdmins() {
        assertEquals(Role.OPERATOR, AccessPolicy.forOperation(ObjectNames.store("s"), "checkpoint"));
        assertEquals(Role.OPERATOR, AccessPolicy.forOperation(ObjectNames.store("s"), "close"));
        assertEquals(Role.MONITOR, AccessPolicy.forOperation(ObjectNames.runtime(), "getStoreForm"));
        assertEquals(Role.MONITOR, AccessPolicy.forOperation(ObjectNames.runtime(), "getStoreDefinition"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.runtime(), "changeStore"));
        assertEquals(Role.MONITOR, AccessPolicy.forOperation(ObjectNames.backend("file"), "getSettings"));
    }

    @Test
    void anInPlaceEngineMigrationRedefinesAStoreSoItIsForAdmins() {
        assertEquals(Role.OPERATOR, AccessPolicy.forOperation(ObjectNames.jobs(), "submitBackup"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.jobs(), "submitEngineMigration"));
        assertEquals(Role.ADMIN, AccessPolicy.forOperation(ObjectNames.jobs(), "confirm"));
        assertEquals(Role.MONITOR, AccessPolicy.forOperation(ObjectNames.jobs(), "job"));
    }
}
