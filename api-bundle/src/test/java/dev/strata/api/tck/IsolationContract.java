package dev.strata.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import dev.strata.api.IsolationLevel;
import dev.strata.api.tck.Hermit.Session;

import org.junit.jupiter.api.Test;

/**
 * The Hermitage suite (github.com/ept/hermitage), ported to the SPI: every case runs at every isolation level the
 * backend declares, and must give the outcome that level promises. Read committed prevents G0, G1a, G1b, G1c and
 * OTV; snapshot isolation also prevents PMP, PMP-write, P4 and G-single (with its dependency and write variants);
 * serializable also prevents G2-item, G2 and G2-two-edges. A level an engine does not declare is not run (core
 * serves it with a stronger declared one). An anomaly a level allows is not required: a stronger outcome passes.
 * <p>
 * Engines are optimistic here: a conflict may surface at a write or at commit, and either ends that transaction
 * (see {@link Hermit}).
 */
public interface IsolationContract extends EngineContract {

    /** Runs the case once per declared level, each on a fresh copy of the test table. */
    private void atEveryDeclaredLevel(Consumer<Hermit> hermitageCase) {
        for (IsolationLevel level : IsolationLevel.values()) {
            if (fixture().backend().capabilities().supports(level)) {
                hermitageCase.accept(new Hermit(engine(), level).setup());
            }
        }
    }

    private static boolean gives(Hermit h, IsolationLevel level) {
        return h.level.satisfies(level);
    }

    private static Map<String, String> where(Session session, IntPredicate predicate) {
        Map<String, String> rows = new java.util.TreeMap<>(session.rows());
        rows.values().removeIf(value -> !predicate.test(Integer.parseInt(value)));
        return rows;
    }

    @Test
    default void g0WriteCyclesArePrevented() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.put("1", "11");
            t2.put("1", "12");
            t1.put("2", "21");
            boolean first = t1.commit();
            t2.put("2", "22");
            boolean second = t2.commit();
            assertFalse(first && second, "G0 at " + h.level + ": T1 and T2 both wrote rows 1 and 2 and both committed");
            Map<String, String> table = h.table();
            assertTrue(List.of(Map.of("1", "11", "2", "21"), Map.of("1", "12", "2", "22"), Map.of("1", "10", "2", "20"))
                    .contains(table), "G0 at " + h.level + ": the table mixes the writes of T1 and T2: " + table);
        });
    }

    @Test
    default void g1aAbortedReadsArePrevented() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.put("1", "101");
            t1.put("2", "201");
            assertEquals("10", t2.get("1"), "G1a at " + h.level + ": T2 read row 1 as written by uncommitted T1");
            t1.abort();
            assertEquals(Map.of("1", "10", "2", "20"), t2.rows(), "G1a at " + h.level + ": T2 read aborted T1's writes");
            t2.commit();
            h.assertTable(Map.of("1", "10", "2", "20"), "an aborted transaction left writes behind");
        });
    }

    @Test
    default void g1bIntermediateReadsArePrevented() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.put("1", "101");
            assertEquals("10", t2.get("1"), "G1b at " + h.level + ": T2 read T1's uncommitted write of row 1");
            t1.put("1", "11");
            assertTrue(t1.commit(), "T1 at " + h.level + " committed nothing that conflicts");
            String after = t2.get("1");
            assertNotEquals("101", after, "G1b at " + h.level + ": T2 read T1's intermediate value of row 1");
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertEquals("10", after, "at " + h.level + " T2 keeps reading its snapshot of row 1");
            }
            t2.commit();
        });
    }

    @Test
    default void g1cCircularInformationFlowIsPrevented() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.put("1", "11");
            t2.put("2", "22");
            assertEquals("20", t1.get("2"), "G1c at " + h.level + ": T1 read T2's uncommitted write of row 2");
            assertEquals("10", t2.get("1"), "G1c at " + h.level + ": T2 read T1's uncommitted write of row 1");
            t1.commit();
            t2.commit();
        });
    }

    @Test
    default void otvObservedTransactionVanishesIsPrevented() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.put("1", "11");
            t1.put("2", "19");
            t2.put("1", "12");
            assertTrue(t1.commit(), "T1 at " + h.level + " was first to commit row 1");
            Session t3 = h.begin("T3");
            assertEquals("11", t3.get("1"), "OTV at " + h.level + ": T3 does not see T1's committed row 1");
            t2.put("2", "18");
            assertEquals("19", t3.get("2"), "OTV at " + h.level + ": T3 read uncommitted T2's row 2");
            boolean t2Committed = t2.commit();
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertFalse(t2Committed, "at " + h.level + " T2 wrote row 1 after T1 committed it (lost update)");
                assertEquals(Map.of("1", "11", "2", "19"), t3.rows(), "OTV at " + h.level + ": T3's view changed");
            }
            t3.commit();
        });
    }

    @Test
    default void pmpPredicateManyPrecedersIsPreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            assertEquals(Map.of(), where(t1, v -> v == 30), "no row has the value 30 yet");
            Session t2 = h.begin("T2");
            t2.put("3", "30");
            assertTrue(t2.commit(), "T2 at " + h.level + " inserts a row nobody else writes");
            Map<String, String> second = where(t1, v -> v % 3 == 0);
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertEquals(Map.of(), second, "PMP at " + h.level + ": T1's predicate read sees row 3 that T2 "
                        + "inserted after T1's snapshot");
            }
            t1.commit();
        });
    }

    @Test
    default void pmpWriteIsPreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.rows().forEach((row, value) -> t1.put(row, Integer.toString(Integer.parseInt(value) + 10)));
            where(t2, v -> v == 20).keySet().forEach(t2::delete);
            boolean first = t1.commit();
            boolean second = t2.commit();
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertFalse(first && second, "PMP-write at " + h.level + ": T2 deleted row 2 (value 20 in its "
                        + "snapshot) that T1 concurrently updated to 30, and both committed");
            }
        });
    }

    @Test
    default void p4LostUpdateIsPreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.get("1");
            t2.get("1");
            t1.put("1", "11");
            t2.put("1", "11");
            boolean first = t1.commit();
            boolean second = t2.commit();
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertFalse(first && second, "P4 at " + h.level + ": T1 and T2 both incremented row 1 from 10 and "
                        + "both committed: one increment is lost");
            }
        });
    }

    @Test
    default void gSingleReadSkewIsPreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            assertEquals("10", t1.get("1"));
            Session t2 = h.begin("T2");
            t2.get("1");
            t2.get("2");
            t2.put("1", "12");
            t2.put("2", "18");
            assertTrue(t2.commit(), "T2 at " + h.level + " conflicts with nobody");
            String row2 = t1.get("2");
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertEquals("20", row2, "G-single at " + h.level + ": T1 read row 1 before T2 and row 2 after it");
            }
            t1.commit();
        });
    }

    @Test
    default void gSingleDependenciesArePreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            assertEquals(Map.of("1", "10", "2", "20"), where(t1, v -> v % 5 == 0));
            Session t2 = h.begin("T2");
            where(t2, v -> v == 10).keySet().forEach(row -> t2.put(row, "12"));
            assertTrue(t2.commit(), "T2 at " + h.level + " conflicts with nobody");
            Map<String, String> second = where(t1, v -> v % 3 == 0);
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertEquals(Map.of(), second, "G-single-dependencies at " + h.level + ": T1's predicate read sees "
                        + "row 1 as T2 changed it after T1's snapshot");
            }
            t1.commit();
        });
    }

    @Test
    default void gSingleWriteOneIsPreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            assertEquals("10", t1.get("1"));
            Session t2 = h.begin("T2");
            t2.rows();
            t2.put("1", "12");
            t2.put("2", "18");
            assertTrue(t2.commit(), "T2 at " + h.level + " conflicts with nobody");
            where(t1, v -> v == 20).keySet().forEach(t1::delete);
            boolean t1Committed = t1.commit();
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertFalse(t1Committed, "G-single-write-1 at " + h.level + ": T1 deleted row 2, which T2 had "
                        + "changed and committed after T1's snapshot, and T1 committed");
                h.assertTable(Map.of("1", "12", "2", "18"), "T2's writes stand whole");
            }
        });
    }

    @Test
    default void gSingleWriteTwoIsPreventedFromSnapshotOn() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            t1.rows();
            Session t2 = h.begin("T2");
            t2.put("1", "12");
            where(t1, v -> v == 20).keySet().forEach(t1::delete);
            t2.put("2", "18");
            boolean first = t1.commit();
            boolean second = t2.commit();
            if (gives(h, IsolationLevel.SNAPSHOT)) {
                assertFalse(first && second, "G-single-write-2 at " + h.level + ": T1 deleted row 2 while T2 "
                        + "updated it, and both committed");
            }
        });
    }

    @Test
    default void g2ItemWriteSkewIsPreventedWhenSerializable() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            t1.get("1");
            t1.get("2");
            t2.get("1");
            t2.get("2");
            t1.put("1", "11");
            t2.put("2", "21");
            boolean first = t1.commit();
            boolean second = t2.commit();
            if (gives(h, IsolationLevel.SERIALIZABLE)) {
                assertFalse(first && second, "G2-item at " + h.level + ": T1 and T2 each read rows 1 and 2, wrote "
                        + "one of them, and both committed (write skew)");
            }
        });
    }

    @Test
    default void g2AntiDependencyCyclesArePreventedWhenSerializable() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            Session t2 = h.begin("T2");
            assertEquals(Map.of(), where(t1, v -> v % 3 == 0));
            assertEquals(Map.of(), where(t2, v -> v % 3 == 0));
            t1.put("3", "30");
            t2.put("4", "42");
            boolean first = t1.commit();
            boolean second = t2.commit();
            if (gives(h, IsolationLevel.SERIALIZABLE)) {
                assertFalse(first && second, "G2 at " + h.level + ": T1 and T2 each found no row divisible by 3, "
                        + "each inserted one (rows 3 and 4), and both committed (a phantom)");
            }
        });
    }

    @Test
    default void g2TwoEdgesArePreventedWhenSerializable() {
        atEveryDeclaredLevel(h -> {
            Session t1 = h.begin("T1");
            t1.rows();
            Session t2 = h.begin("T2");
            t2.put("2", Integer.toString(Integer.parseInt(t2.get("2")) + 5));
            assertTrue(t2.commit(), "T2 at " + h.level + " conflicts with nobody");
            Session t3 = h.begin("T3");
            assertEquals(Map.of("1", "10", "2", "25"), t3.rows(), "T3 at " + h.level + " sees T2's commit");
            t3.commit();
            t1.put("1", "0");
            boolean t1Committed = t1.commit();
            if (gives(h, IsolationLevel.SERIALIZABLE)) {
                assertFalse(t1Committed, "G2-two-edges at " + h.level + ": T1 read row 2 before T2 changed it, "
                        + "T3 saw T2's change but not T1's write, and T1 still committed");
            }
        });
    }
}
