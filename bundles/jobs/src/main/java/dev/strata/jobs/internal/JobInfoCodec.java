package dev.strata.jobs.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;

/** A {@link JobInfo} as the bytes of one history entry in the system store (versioned, so it can grow). */
final class JobInfoCodec {

    private static final int VERSION = 1;

    private JobInfoCodec() {
    }

    static byte[] encode(JobInfo job) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(job.id());
            out.writeUTF(job.type());
            out.writeUTF(job.state().name());
            out.writeLong(job.done());
            out.writeLong(job.total());
            out.writeLong(job.bytes());
            out.writeLong(job.bytesTotal());
            out.writeUTF(clip(job.message()));
            out.writeLong(job.queuedAt());
            out.writeLong(job.startedAt());
            out.writeLong(job.endedAt());
            out.writeUTF(clip(job.result()));
            out.writeUTF(clip(job.startedBy()));
            out.writeUTF(clip(job.failure()));
            writeList(out, job.stores());
            writeList(out, job.report());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a history entry this version reads */
    static JobInfo decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("history entry version " + version + " is not " + VERSION);
            }
            String id = in.readUTF();
            String type = in.readUTF();
            JobState state = JobState.valueOf(in.readUTF());
            long done = in.readLong();
            long total = in.readLong();
            long bytes = in.readLong();
            long bytesTotal = in.readLong();
            String message = in.readUTF();
            long queued = in.readLong();
            long started = in.readLong();
            long ended = in.readLong();
            String result = in.readUTF();
            String by = in.readUTF();
            String failure = in.readUTF();
            List<String> stores = readList(in);
            List<String> report = readList(in);
            return new JobInfo(id, type, stores.isEmpty() ? "" : stores.get(0), state, done, total, bytes, message,
                    queued, started, ended, result, stores, by, bytesTotal, 0, -1, failure, report);
        } catch (IllegalArgumentException e) {
            throw new IOException("history entry names an unknown state", e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> items) throws IOException {
        out.writeShort(Math.min(items.size(), 1000));
        for (int i = 0; i < Math.min(items.size(), 1000); i++) {
            out.writeUTF(clip(items.get(i)));
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        List<String> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(in.readUTF());
        }
        return items;
    }

    /** writeUTF takes at most 65535 encoded bytes; a status line is never that long, but a message might be. */
    private static String clip(String text) {
        return text.length() > 8000 ? text.substring(0, 8000) + "..." : text;
    }
}
