package dev.strata.backend.xodus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kept-open log force: every force reaches the file it names (a new file once the log moves on to it, never
 * the one kept open before), a file stays open between forces of it, and close releases it.
 */
class OpenFileForceTest {

    private final List<String> events = new ArrayList<>();

    private OpenFileForce.OpenFile recording(Path file) {
        String name = file.getFileName().toString();
        events.add("open " + name);
        return new OpenFileForce.OpenFile() {
            @Override
            public void force() {
                events.add("force " + name);
            }

            @Override
            public void close() {
                events.add("close " + name);
            }
        };
    }

    @Test
    void eachForceReachesTheFileItNamesAndAFileStaysOpenBetweenItsForces() throws Exception {
        OpenFileForce force = new OpenFileForce(this::recording);
        Path first = Path.of("00000000000.xd");
        Path second = Path.of("00000000001.xd");
        force.force(first);
        force.force(first);
        force.force(second);
        force.force(second);
        force.force(first);
        force.close();
        force.close();
        assertEquals(List.of("open 00000000000.xd", "force 00000000000.xd", "force 00000000000.xd",
                "close 00000000000.xd", "open 00000000001.xd", "force 00000000001.xd", "force 00000000001.xd",
                "close 00000000001.xd", "open 00000000000.xd", "force 00000000000.xd", "close 00000000000.xd"),
                events);
    }

    @Test
    void theRealChannelForcesAnExistingFileAndAMissingOneFails(@TempDir Path directory)
            throws Exception {
        Path file = Files.writeString(directory.resolve("00000000000.xd"), "log");
        OpenFileForce force = new OpenFileForce();
        force.force(file);
        force.force(file);
        assertThrows(NoSuchFileException.class,
                () -> force.force(directory.resolve("00000000001.xd")));
        force.close();
    }
}
