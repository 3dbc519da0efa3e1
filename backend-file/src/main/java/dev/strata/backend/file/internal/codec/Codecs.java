package dev.strata.backend.file.internal.codec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.crypto.Compressor;

/**
 * The compression codecs installed now, by name (for writing) and by the one-byte id that each block names (for
 * reading). Codecs come and go as services; a block whose codec is absent cannot be read until it returns.
 * Codec id {@value #RAW_ID} is reserved for blocks stored uncompressed and needs no service.
 */
public final class Codecs {

    /** Blocks stored as they are: no codec, or compression did not make them smaller. */
    public static final int RAW_ID = 0;
    public static final String NONE = "none";

    private final Map<String, Compressor> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Compressor> byId = new ConcurrentHashMap<>();

    public void add(Compressor compressor) {
        byName.put(compressor.name(), compressor);
        byId.put(compressor.id() & 0xFF, compressor);
    }

    public void remove(Compressor compressor) {
        byName.remove(compressor.name(), compressor);
        byId.remove(compressor.id() & 0xFF, compressor);
    }

    /** The codec to write with, or {@code null} for {@value #NONE} (blocks stored raw). */
    public Compressor forWriting(String name) {
        if (NONE.equals(name)) {
            return null;
        }
        Compressor compressor = byName.get(name);
        if (compressor == null) {
            throw new StoreUnavailableException("compression codec '" + name + "' is not installed (installed: "
                    + byName.keySet() + "); install the crypto bundle or set compression=none");
        }
        return compressor;
    }

    /** The codec a block was written with. */
    public Compressor forReading(int id) {
        Compressor compressor = byId.get(id);
        if (compressor == null) {
            throw new StoreUnavailableException("a block was written with compression codec id " + id
                    + ", which is not installed now");
        }
        return compressor;
    }

    public boolean isInstalled(String name) {
        return NONE.equals(name) || byName.containsKey(name);
    }
}
