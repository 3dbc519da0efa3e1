package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strata.console.audit.AuditRow;
import dev.strata.console.audit.AuditViewModel;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.shell.Background;

/** The Audit view: the runtime's lines as rows with columns, a filter over every column, the chain's verdict. */
class AuditViewModelTest {

    private final FakeClient client = new FakeClient();
    private final List<String> failures = new ArrayList<>();

    private AuditViewModel loaded() {
        client.audit.add("0|2026-12-01T19:00:01Z|admin|10.0.0.5|login||ok|ok|" + "a".repeat(64));
        client.audit.add("1|2026-12-01T19:00:09Z|ops|10.0.0.9|submitBackup|store=files|target=/backups/a "
                + "note=a\\pb|job-1|" + "b".repeat(64));
        client.audit.add("2|2026-12-01T19:01:00Z|watcher|127.0.0.1|login||refused: wrong password|denied|"
                + "c".repeat(64));
        client.auditVerdict = "ok: 3 entries";
        AuditViewModel audit = new AuditViewModel(client, Background.direct());
        audit.refresh(failures::add);
        return audit;
    }

    @Test
    void entriesAreRowsWithTheirColumnsNewestFirstAndTheChainVerdictAbove() {
        AuditViewModel audit = loaded();
        assertEquals(List.of(2L, 1L, 0L), audit.shown().stream().map(AuditRow::seq).toList(), "newest first");
        assertEquals(new AuditRow(1, "2026-12-01T19:00:09Z", "ops", "10.0.0.9", "submitBackup", "store=files",
                "target=/backups/a note=a|b", "job-1"), audit.shown().get(1), "an escaped pipe is a pipe again");
        assertEquals("Hash chain: ok: 3 entries", audit.chainProperty().get());
        assertFalse(audit.chainBrokenProperty().get());
        assertTrue(failures.isEmpty());
    }

    @Test
    void theFilterMatchesAnyColumnIgnoringCase() {
        AuditViewModel audit = loaded();
        audit.filterProperty().set("OPS");
        assertEquals(List.of(1L), seqs(audit), "user");
        audit.filterProperty().set("127.0.0");
        assertEquals(List.of(2L), seqs(audit), "from");
        audit.filterProperty().set("login");
        assertEquals(List.of(2L, 0L), seqs(audit), "action");
        audit.filterProperty().set("files");
        assertEquals(List.of(1L), seqs(audit), "target");
        audit.filterProperty().set("a|b");
        assertEquals(List.of(1L), seqs(audit), "arguments, unescaped");
        audit.filterProperty().set("denied");
        assertEquals(List.of(2L), seqs(audit), "result");
        audit.filterProperty().set("19:00:0");
        assertEquals(List.of(1L, 0L), seqs(audit), "time");
        audit.filterProperty().set("aaaa");
        assertEquals(List.of(), seqs(audit), "the hash is not a column");
        audit.filterProperty().set("  ");
        assertEquals(3, audit.shown().size(), "a blank filter shows all");
    }

    @Test
    void aDamagedChainOrAFailedCheckIsMarkedAndAForeignLineIsShownWhole() {
        client.audit.add("not an audit entry");
        client.auditVerdict = "damaged: entry 0 does not match its hash (it, or the entry before it, was changed)";
        AuditViewModel audit = new AuditViewModel(client, Background.direct());
        audit.refresh(failures::add);
        assertTrue(audit.chainBrokenProperty().get());
        assertEquals("Hash chain: damaged: entry 0 does not match its hash (it, or the entry before it, was changed)",
                audit.chainProperty().get());
        assertEquals(new AuditRow(-1, "", "", "", "?", "", "not an audit entry", ""), audit.shown().get(0));
        client.failAll = new ConsoleException(ConsoleException.Kind.LOST, "The connection to the runtime was lost");
        client.auditVerdict = "ok: 1 entries";
        audit.refresh(failures::add);
        assertEquals(List.of("The connection to the runtime was lost"), failures);
        assertEquals("Hash chain: cannot check (The connection to the runtime was lost)", audit.chainProperty().get());
        assertTrue(audit.chainBrokenProperty().get());
        assertEquals(1, audit.shown().size(), "the last good rows stay");
    }

    private static List<Long> seqs(AuditViewModel audit) {
        return audit.shown().stream().map(AuditRow::seq).toList();
    }
}
