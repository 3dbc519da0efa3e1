package dev.strata.documents.internal;

import org.junit.jupiter.api.Nested;

/** The document layer's contracts on the example engine. */
class ExampleEngineTest {

    @Nested
    class Documents extends DocumentContract {
        @Override
        String engine() {
            return "example";
        }
    }

    @Nested
    class Indexes extends IndexContract {
        @Override
        String engine() {
            return "example";
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        String engine() {
            return "example";
        }
    }

    @Nested
    class KeyValueQueries extends KeyValueQueryContract {
        @Override
        String engine() {
            return "example";
        }
    }

    @Nested
    class Covering extends CoveringContract {
        @Override
        String engine() {
            return "example";
        }
    }

    @Nested
    class KeyValueIndexes extends KeyValueIndexContract {
        @Override
        String engine() {
            return "example";
        }
    }

    @Nested
    class MetadataCache extends MetadataCacheContract {
        @Override
        String engine() {
            return "example";
        }
    }
}
