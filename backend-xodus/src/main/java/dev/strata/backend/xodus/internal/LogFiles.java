package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import jetbrains.exodus.log.Log;
import jetbrains.exodus.log.LogUtil;

/**
 * Forces what Xodus has written to a store's log files: every file from the oldest one not yet forced since it was
 * appended to, up to the newest. Only the group force's leader (and the engine at open) calls {@link #force}.
 */
final class LogFiles {

    private final Log log;
    /** The store's preallocated log, which forces itself (its newest file, by its next end slot), or {@code null}. */
    private final PreallocatedLog preallocated;
    private final Path directory;
    private final LogForce logForce;
    /** The oldest log file a force still has to cover. */
    private long unforcedFileAddress;

    LogFiles(Log log, PreallocatedLog preallocated, Path directory, LogForce logForce) {
        this.log = log;
        this.preallocated = preallocated;
        this.directory = directory;
        this.logForce = logForce;
        this.unforcedFileAddress = log.getHighFileAddress();
    }

    /** Forces everything Xodus wrote before this call began. */
    void force() throws IOException {
        if (preallocated != null) {
            preallocated.force(); // a full file was forced with its end when Xodus closed it
            return;
        }
        long high = log.getHighFileAddress();
        for (long address : log.getAllFileAddresses()) {
            if (address >= unforcedFileAddress) {
                try {
                    logForce.force(directory.resolve(LogUtil.getLogFilename(address)));
                } catch (NoSuchFileException e) {
                    if (address == high) {
                        throw e;
                    } // else the cleaner deleted a full file, which Xodus forced before it started the next
                }
            }
        }
        unforcedFileAddress = high;
    }

    /** After the last force: releases what the force keeps open. */
    void close() throws IOException {
        logForce.close();
    }
}
