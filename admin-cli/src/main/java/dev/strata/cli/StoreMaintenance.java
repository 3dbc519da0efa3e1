package dev.strata.cli;

import java.util.concurrent.Callable;

import dev.strata.api.management.StoreMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code strata-cli store close|open|checkpoint|compact <store>}: maintenance on one store (role operator). */
final class StoreMaintenance {

    private StoreMaintenance() {
    }

    /** One maintenance operation: connect, call it on the store's bean, say what was done. */
    abstract static class Operation implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Parameters(paramLabel = "STORE")
        String store;

        abstract void apply(StoreMXBean bean);

        abstract String done();

        @Override
        public Integer call() {
            try (RuntimeConnection runtime = parent.cli.connect()) {
                StoreMXBean bean = runtime.store(store);
                RuntimeConnection.run(() -> apply(bean));
                parent.cli.output().message("store '" + store + "' " + done() + " (now "
                        + RuntimeConnection.call(bean::getStatus) + ")");
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "close", description = "Close the store's engine; it stays UNAVAILABLE until 'store open'.")
    static final class Close extends Operation {
        @Override
        void apply(StoreMXBean bean) {
            bean.close();
        }

        @Override
        String done() {
            return "closed";
        }
    }

    @Command(name = "open", description = "Open a closed store (or one whose open failed) again.")
    static final class Open extends Operation {
        @Override
        void apply(StoreMXBean bean) {
            bean.open();
        }

        @Override
        String done() {
            return "opened";
        }
    }

    @Command(name = "checkpoint", description = "Write the engine's checkpoint (the WAL can then shrink).")
    static final class Checkpoint extends Operation {
        @Override
        void apply(StoreMXBean bean) {
            bean.checkpoint();
        }

        @Override
        String done() {
            return "checkpointed";
        }
    }

    @Command(name = "compact", description = "Compact the engine's files.")
    static final class Compact extends Operation {
        @Override
        void apply(StoreMXBean bean) {
            bean.compact();
        }

        @Override
        String done() {
            return "compacted";
        }
    }
}
