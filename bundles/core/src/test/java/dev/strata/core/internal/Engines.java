package dev.strata.core.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.xodus.internal.XodusBackend;

import org.example.strata.sortedfile.internal.SortedFileBackend;
import org.junit.jupiter.params.provider.Arguments;

/** The engines core's key-value tests run on, each with the durability it honours; persistent ones reopen. */
record Engines(String type, Supplier<StorageBackend> backend, String durability, boolean persistent) {

    static Stream<Arguments> all() {
        return Stream.of(Arguments.of(new Engines("memory", MemoryBackend::new, "none", false)),
                Arguments.of(new Engines("file", () -> new FileBackend(List.of(), null, null), "os", true)),
                Arguments.of(new Engines("xodus", XodusBackend::new, "os", true)),
                Arguments.of(new Engines("example", SortedFileBackend::new, "os", true)));
    }

    static Stream<Arguments> persistentOnes() {
        return all().filter(a -> ((Engines) a.get()[0]).persistent());
    }

    /** Opens a store named {@code name} in {@code dir} on a fresh backend instance. */
    ManagedStore open(Path dir, String name, Clock clock, Object... settings) {
        Object[] all = Stream.concat(Stream.of("durability", durability, "compression", "none"),
                java.util.Arrays.stream(settings)).toArray();
        StorageBackend instance = backend.get();
        ManagedStore store = new ManagedStore(MemoryStores.definition(name, type, all), dir.resolve(type), clock);
        store.attach(instance, MemoryStores.info(instance, type));
        return store;
    }

    @Override
    public String toString() {
        return type;
    }
}
