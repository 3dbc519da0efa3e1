package dev.strata.api.tck;

import static dev.strata.api.tck.EngineContract.bytes;
import static dev.strata.api.tck.EngineContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.api.ConflictException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

import org.junit.jupiter.api.Test;

/**
 * Write skew, told as the classic story: a hospital needs at least one doctor on call. Alice and Bob are both on
 * call and both feel unwell; each checks that someone else is on call and goes off call. Under snapshot isolation
 * both checks read the same snapshot ("two on call"), the two writes touch different keys, and both commit: nobody
 * is on call. Serializable isolation must refuse the second commit, because what it read (the doctors on call) was
 * changed by the first.
 */
public interface WriteSkewContract extends EngineContract {

    private long doctorsOnCall(EngineTransaction tx) {
        long onCall = 0;
        try (EngineCursor cursor = tx.cursor(KeyRange.prefix(bytes("oncall.")), false)) {
            while (cursor.next()) {
                onCall += "yes".equals(text(cursor.value())) ? 1 : 0;
            }
        }
        return onCall;
    }

    /** One doctor's shift change: go off call if someone else is still on call. */
    private void goOffCallIfSomeoneElseIsOn(EngineTransaction tx, String doctor) {
        if (doctorsOnCall(tx) >= 2) {
            tx.put(bytes("oncall." + doctor), bytes("no"));
        }
    }

    @Test
    default void serializableKeepsADoctorOnCall() {
        assumeTrue(fixture().backend().capabilities().supports(IsolationLevel.SERIALIZABLE),
                "backend does not declare serializable isolation");
        put("oncall.alice", "yes");
        put("oncall.bob", "yes");

        EngineTransaction alice = engine().begin(TransactionMode.READ_WRITE, IsolationLevel.SERIALIZABLE);
        EngineTransaction bob = engine().begin(TransactionMode.READ_WRITE, IsolationLevel.SERIALIZABLE);
        int committed = 0;
        try (alice; bob) {
            goOffCallIfSomeoneElseIsOn(alice, "alice");
            goOffCallIfSomeoneElseIsOn(bob, "bob");
            for (EngineTransaction shift : new EngineTransaction[] {alice, bob}) {
                try {
                    shift.commit();
                    committed++;
                } catch (ConflictException expected) {
                    // the second doctor's check read a state the first doctor's commit changed
                }
            }
        }
        assertEquals(1, committed, "exactly one doctor may go off call");
        try (EngineTransaction check = engine().begin(TransactionMode.READ_ONLY)) {
            assertEquals(1, doctorsOnCall(check), "serializable isolation must leave one doctor on call");
        }
    }

    /**
     * The same story, with an unrelated commit after Bob's: Alice checks the doctors on call, Bob checks and goes
     * off call, then the week's roster is published, and only then does Alice go off call. Bob's commit, which
     * makes Alice's check stale, is not the newest one: an engine that validates a serializable transaction's
     * scanned ranges only against the newest commit lets Alice go too, and nobody is on call.
     */
    @Test
    default void serializableChecksEveryCommitSinceTheSnapshotNotOnlyTheNewest() {
        assumeTrue(fixture().backend().capabilities().supports(IsolationLevel.SERIALIZABLE),
                "backend does not declare serializable isolation");
        put("oncall.alice", "yes");
        put("oncall.bob", "yes");
        boolean aliceWent;
        try (EngineTransaction alice = engine().begin(TransactionMode.READ_WRITE, IsolationLevel.SERIALIZABLE)) {
            assertEquals(2, doctorsOnCall(alice));
            try (EngineTransaction bob = engine().begin(TransactionMode.READ_WRITE, IsolationLevel.SERIALIZABLE)) {
                goOffCallIfSomeoneElseIsOn(bob, "bob");
                bob.commit();
            }
            put("roster.week", "published"); // a newer commit, outside the range Alice scanned
            try {
                alice.put(bytes("oncall.alice"), bytes("no"));
                alice.commit();
                aliceWent = true;
            } catch (ConflictException expected) {
                aliceWent = false; // her check read a state Bob's commit changed
            }
        }
        assertFalse(aliceWent, "Alice's check was made stale by Bob's commit, which is not the newest");
        try (EngineTransaction check = engine().begin(TransactionMode.READ_ONLY)) {
            assertEquals(1, doctorsOnCall(check), "serializable isolation must leave one doctor on call");
        }
    }
}
