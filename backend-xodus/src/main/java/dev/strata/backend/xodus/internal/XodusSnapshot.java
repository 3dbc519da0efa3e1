package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.StorageException;

import jetbrains.exodus.backup.BackupStrategy;
import jetbrains.exodus.backup.VirtualFileDescriptor;
import jetbrains.exodus.env.EnvironmentImpl;

/**
 * A consistent hot copy of a store through Xodus's backup support: Xodus names the log files and how many bytes of
 * each belong to the copy's moment (files are append-only, so a prefix is a consistent past state), the engine
 * keeps serving meanwhile, and the caller pauses the log cleaner so no listed file is deleted under the copy. The
 * store's metadata (format, encryption header, commit sequence) is inside the log, so the copy carries it; the
 * commit witness is not copied (the copy's own log is its truth).
 */
final class XodusSnapshot {

    private XodusSnapshot() {
    }

    static void copy(EnvironmentImpl environment, Path target) {
        prepareEmptyTarget(target);
        List<Path> written = new ArrayList<>();
        BackupStrategy backup = environment.getBackupStrategy();
        try {
            backup.beforeBackup();
            try {
                for (VirtualFileDescriptor file : backup.getContents()) {
                    // acceptFile bounds the last file to the backup's moment (Long.MAX_VALUE: no bound)
                    long bytes = Math.min(file.getFileSize(), backup.acceptFile(file));
                    if (file.hasContent() && bytes >= 0) {
                        Path out = target.resolve(file.getPath() + file.getName());
                        copyPrefix(file, bytes, out);
                        written.add(out);
                    }
                }
            } finally {
                backup.afterBackup();
            }
            for (Path file : written) {
                LogForce.forcePath(file);
            }
            LogForce.forcePath(target);
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("snapshot into " + target + " failed: " + e, e);
        }
    }

    private static void copyPrefix(VirtualFileDescriptor file, long bytes, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        InputStream in = file.getInputStream();
        try (OutputStream sink = Files.newOutputStream(out)) {
            byte[] buffer = new byte[1 << 16];
            long left = bytes;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException(file.getName() + " ended " + left + " bytes before the backup's end");
                }
                sink.write(buffer, 0, read);
                left -= read;
            }
        } finally {
            if (file.shouldCloseStream()) {
                in.close();
            }
        }
    }

    private static void prepareEmptyTarget(Path target) {
        try {
            if (Files.isDirectory(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new InvalidArgumentException("snapshot target " + target + " is not empty");
                    }
                }
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new StorageException("cannot create snapshot target " + target, e);
        }
    }
}
