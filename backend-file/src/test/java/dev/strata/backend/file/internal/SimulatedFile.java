package dev.strata.backend.file.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** One file (inode) of {@link PowerLossFiles}: its content as of its last force, and what was done to it since. */
final class SimulatedFile {

    /** One write (bytes) or truncate (bytes {@code null}) not yet forced. */
    record Op(long position, byte[] bytes, long truncateTo, long order) {
    }

    byte[] durable = new byte[0];
    long durableLength;
    final List<Op> pending = new java.util.ArrayList<>();

    static SimulatedFile durableFrom(Path file) {
        SimulatedFile node = new SimulatedFile();
        try {
            node.durable = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        node.durableLength = node.durable.length;
        return node;
    }

    void apply(Op op) {
        if (op.bytes == null) {
            durableLength = Math.min(durableLength, op.truncateTo);
            return;
        }
        long end = op.position + op.bytes.length;
        if (end > durable.length) {
            durable = Arrays.copyOf(durable, (int) Math.max(end, durable.length * 2L));
        }
        if (op.position > durableLength) {
            Arrays.fill(durable, (int) durableLength, (int) op.position, (byte) 0);
        }
        System.arraycopy(op.bytes, 0, durable, (int) op.position, op.bytes.length);
        durableLength = Math.max(durableLength, end);
    }

    void force() {
        for (Op op : pending) {
            apply(op);
        }
        pending.clear();
    }
}
