package dev.strata.api.tck.crash;

import java.time.Duration;

/**
 * What a crash-recovery run saw. Every acknowledged transaction was found whole, or the run would have failed.
 *
 * @param cycles         kill-and-recover cycles run
 * @param acknowledged   transactions the writer acknowledged (printed {@code ACK}) over all cycles
 * @param recovered      whole transactions found in the store after the last cycle
 * @param maxTransaction the highest transaction number found after the last cycle
 * @param elapsed        wall time of the whole run
 */
public record CrashRecoveryResult(int cycles, long acknowledged, long recovered, long maxTransaction, Duration elapsed) {

    /** Transactions whose commit completed but whose acknowledgement the kill cut off: at most one per cycle. */
    public long unacknowledgedRecovered() {
        return recovered - acknowledged;
    }

    @Override
    public String toString() {
        return String.format("%d crash cycles in %.1f s: %d transactions acknowledged, %d recovered whole "
                + "(%d committed but unacknowledged), highest %d", cycles, elapsed.toMillis() / 1000.0,
                acknowledged, recovered, unacknowledgedRecovered(), maxTransaction);
    }
}
