package dev.strata.documents.internal;

import org.junit.jupiter.api.Nested;

/** The document layer's contracts on the xodus engine. */
class XodusEngineTest {

    @Nested
    class Documents extends DocumentContract {
        @Override
        String engine() {
            return "xodus";
        }
    }

    @Nested
    class Indexes extends IndexContract {
        @Override
        String engine() {
            return "xodus";
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        String engine() {
            return "xodus";
        }
    }

    @Nested
    class KeyValueQueries extends KeyValueQueryContract {
        @Override
        String engine() {
            return "xodus";
        }
    }

    @Nested
    class Covering extends CoveringContract {
        @Override
        String engine() {
            return "xodus";
        }
    }

    @Nested
    class KeyValueIndexes extends KeyValueIndexContract {
        @Override
        String engine() {
            return "xodus";
        }
    }

    @Nested
    class MetadataCache extends MetadataCacheContract {
        @Override
        String engine() {
            return "xodus";
        }
    }
}
