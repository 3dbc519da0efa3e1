package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic JSON-like text, standing in for what applications store: order documents with repeated field
 * names, small vocabularies, numbers, timestamps and some free text. Random bytes would not compress at all and a
 * repeated string would compress absurdly well; this lands where real documents do (LZ4 ratio about 3 to 4).
 */
final class JsonLikeText {

    private static final String[] NAMES = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
        "Dennis", "Frances", "John", "Radia", "Tim", "Leslie", "Niklaus", "Sophie"};
    private static final String[] CITIES = {"Zurich", "Lyon", "Porto", "Gdansk", "Tallinn", "Ghent", "Bologna",
        "Malmo", "Brno", "Aarhus"};
    private static final String[] STATUS = {"created", "paid", "packed", "shipped", "delivered", "returned"};
    private static final String[] WORDS = {"please", "leave", "the", "parcel", "at", "door", "ring", "twice",
        "fragile", "gift", "wrap", "no", "invoice", "back", "office", "after", "noon", "thanks"};

    private JsonLikeText() {
    }

    /** Exactly {@code length} bytes of UTF-8 text, the same for the same seed. */
    static byte[] generate(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length + 1024);
        long id = 100_000;
        while (text.length() < length) {
            appendOrder(text, random, id++);
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, length);
    }

    private static void appendOrder(StringBuilder out, Random random, long id) {
        String name = pick(random, NAMES);
        out.append("{\"id\":").append(id)
                .append(",\"customer\":{\"name\":\"").append(name).append(' ').append(pick(random, NAMES)).append("son\"")
                .append(",\"email\":\"").append(name.toLowerCase(Locale.ROOT)).append(random.nextInt(1000))
                .append("@example.org\",\"city\":\"").append(pick(random, CITIES)).append("\"}")
                .append(",\"status\":\"").append(pick(random, STATUS)).append('"')
                .append(",\"created\":\"2026-").append(two(1 + random.nextInt(12))).append('-')
                .append(two(1 + random.nextInt(28))).append('T').append(two(random.nextInt(24))).append(':')
                .append(two(random.nextInt(60))).append(':').append(two(random.nextInt(60))).append("Z\"")
                .append(",\"items\":[");
        int items = 1 + random.nextInt(4);
        for (int i = 0; i < items; i++) {
            out.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + random.nextInt(9000))
                    .append("\",\"qty\":").append(1 + random.nextInt(5))
                    .append(",\"price\":").append(random.nextInt(200)).append('.').append(two(random.nextInt(100)))
                    .append('}');
        }
        out.append("],\"note\":\"");
        int words = random.nextInt(8);
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(pick(random, WORDS));
        }
        out.append("\"}");
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
