package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A client that runs from the runtime's first moments: at boot the file engine comes up a moment before the crypto
 * bundle's codecs, and the shipped {@code files} store (LZ4) must wait for them as OPENING, never show
 * UNAVAILABLE with "install the crypto bundle", and never refuse the client's first write.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StartOrderIT {

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(StartOrderIT.class);
    }

    @Test
    public void theFileStoreWaitsForItsCodecInsteadOfFailingAClient() {
        Store files = Await.value("the files store defined", () -> storage.findStore("files"));
        List<String> seen = new ArrayList<>();
        StoreStatus status;
        do {
            status = files.info().status();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).startsWith(status.name())) {
                seen.add(status.name() + " " + files.info().message());
            }
        } while (status == StoreStatus.OPENING && seen.size() < 1_000);
        // the first write as a client running from the start makes it: no status check, no retry of its own
        files.put("first.write", Stores.bytes("made it"));
        assertEquals("made it",
                new String(files.get("first.write").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        assertFalse("statuses seen at boot: " + seen, seen.stream().anyMatch(s -> s.startsWith("UNAVAILABLE")));
    }
}
