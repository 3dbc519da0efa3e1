package dev.strata.backend.file.internal.format;

/**
 * Reads what {@link ByteSink} wrote, within bounds. Every read past the end or of an impossible length throws
 * {@link MalformedDataException}, which the caller turns into a corruption error naming its file and offset.
 */
public final class ByteSource {

    private final byte[] bytes;
    private final int end;
    private int position;

    public ByteSource(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteSource(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    public int position() {
        return position;
    }

    public void position(int newPosition) {
        if (newPosition < 0 || newPosition > end) {
            throw new MalformedDataException("position " + newPosition + " outside 0.." + end);
        }
        position = newPosition;
    }

    public int remaining() {
        return end - position;
    }

    public byte[] array() {
        return bytes;
    }

    private void require(int count) {
        if (count < 0 || count > end - position) {
            throw new MalformedDataException("needs " + count + " bytes at " + position + ", has " + (end - position));
        }
    }

    public int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    public int readInt() {
        require(4);
        int value = ByteSink.readInt(bytes, position);
        position += 4;
        return value;
    }

    public long readLong() {
        require(8);
        long value = ByteSink.readLong(bytes, position);
        position += 8;
        return value;
    }

    public int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedDataException("varint too long at " + position);
    }

    public long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedDataException("varlong too long at " + position);
    }

    /** A varint length (checked against what is left) followed by that many bytes, copied. */
    public byte[] readBytes() {
        int length = readVarInt();
        return readBytes(length);
    }

    public byte[] readBytes(int length) {
        require(length);
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    public void skip(int count) {
        require(count);
        position += count;
    }
}
