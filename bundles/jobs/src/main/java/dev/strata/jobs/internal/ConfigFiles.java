package dev.strata.jobs.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rewrites a File Install {@code .config} file with a new definition in one step: its comment lines are kept, every
 * setting is written as {@code key="value"}, the new file is written and forced beside the deploy directory and
 * renamed over the old one, so File Install's poller reads either the old file or the new one, never half of it.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static void rewrite(Path file, Map<String, String> definition) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") && !line.startsWith("# rewritten by the job service")) {
                    lines.add(line);
                }
            }
        }
        lines.add("# rewritten by the job service (an engine migration); the settings below are the store's now");
        for (Map.Entry<String, String> e : new TreeMap<>(definition).entrySet()) {
            lines.add(e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        Path parent = file.toAbsolutePath().getParent();
        // outside the watched directory, so File Install never sees the file half written
        Path temp = Files.createTempFile(parent.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel dir = FileChannel.open(parent, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be forced; the rename itself is atomic
        }
    }
}
