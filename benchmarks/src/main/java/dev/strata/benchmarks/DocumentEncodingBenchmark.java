package dev.strata.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The documents layer's stored encoding, Smile, against plain JSON text (issue 11): encoding and decoding
 * {@value #DOCS} order documents ({@link JsonLikeText}) with the two Jackson mappers configured as the documents
 * bundle's {@code Json} class configures them (copied: that class is internal), nanoseconds per document. The
 * sizes, raw and on disk (in a file store with its default LZ4 compression, after a checkpoint), are deterministic
 * and printed by {@link #sizes()} beside the table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class DocumentEncodingBenchmark {

    static final int DOCS = 10_000;

    static final ObjectMapper TEXT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final ObjectMapper SMILE = new ObjectMapper(SmileFactory.builder()
            .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build());

    private final List<Object> documents = documents();
    private final List<byte[]> json = encodeAll(TEXT, documents);
    private final List<byte[]> smile = encodeAll(SMILE, documents);

    /** The first {@value #DOCS} documents of the deterministic order text, parsed. */
    static List<Object> documents() {
        String[] lines = new String(JsonLikeText.generate(DOCS * 400, 5), StandardCharsets.UTF_8).split("\n");
        if (lines.length <= DOCS) {
            throw new IllegalStateException("generated " + lines.length + " documents, fewer than " + DOCS);
        }
        List<Object> parsed = new ArrayList<>(DOCS);
        try {
            for (int i = 0; i < DOCS; i++) {
                parsed.add(TEXT.readValue(lines[i], Object.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parsed;
    }

    static List<byte[]> encodeAll(ObjectMapper mapper, List<Object> documents) {
        List<byte[]> encoded = new ArrayList<>(documents.size());
        try {
            for (Object document : documents) {
                encoded.add(mapper.writeValueAsBytes(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encoded;
    }

    private static void encode(ObjectMapper mapper, List<Object> documents, Blackhole sink) throws IOException {
        for (Object document : documents) {
            sink.consume(mapper.writeValueAsBytes(document));
        }
    }

    private static void decode(ObjectMapper mapper, List<byte[]> encoded, Blackhole sink) throws IOException {
        for (byte[] bytes : encoded) {
            sink.consume(mapper.readValue(bytes, Object.class));
        }
    }

    @Benchmark
    @OperationsPerInvocation(DOCS)
    public void encodeJson(Blackhole sink) throws IOException {
        encode(TEXT, documents, sink);
    }

    @Benchmark
    @OperationsPerInvocation(DOCS)
    public void encodeSmile(Blackhole sink) throws IOException {
        encode(SMILE, documents, sink);
    }

    @Benchmark
    @OperationsPerInvocation(DOCS)
    public void decodeJson(Blackhole sink) throws IOException {
        decode(TEXT, json, sink);
    }

    @Benchmark
    @OperationsPerInvocation(DOCS)
    public void decodeSmile(Blackhole sink) throws IOException {
        decode(SMILE, smile, sink);
    }

    /** Raw bytes of both encodings, and the file store's disk bytes holding each (one key per document). */
    static String sizes() {
        List<Object> documents = documents();
        StringBuilder out = new StringBuilder("\n| encoding | raw bytes | bytes/doc | file store on disk (LZ4) |\n"
                + "|---|---:|---:|---:|\n");
        for (Object[] encoding : new Object[][] {{"json", TEXT}, {"smile", SMILE}}) {
            List<byte[]> encoded = encodeAll((ObjectMapper) encoding[1], documents);
            long raw = encoded.stream().mapToLong(b -> b.length).sum();
            long disk;
            try (StrataStoreTarget store = new StrataStoreTarget("file", "fsync")) {
                store.store().inTransaction(tx -> {
                    for (int i = 0; i < encoded.size(); i++) {
                        tx.put(String.format(Locale.ROOT, "doc.%05d", i), encoded.get(i));
                    }
                });
                store.store().engine().orElseThrow().checkpoint();
                disk = store.store().metrics().diskBytes();
            }
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d |%n", encoding[0], raw,
                    (double) raw / documents.size(), disk));
        }
        return out.toString();
    }
}
