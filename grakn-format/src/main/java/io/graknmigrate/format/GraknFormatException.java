package io.graknmigrate.format;

/**
 * A {@code .grakn} (or JSON Lines) input that cannot be read as items. The message is one line that
 * names the file, the byte offset, the item index and the cause, and says what to do, so a command
 * line can print it as it is. Byte offsets count bytes of the item stream (after decompression);
 * item indexes count from 0 (the header is normally item 0).
 */
public final class GraknFormatException extends RuntimeException {

    /** What is wrong with the input. */
    public enum Defect {
        /** The input holds no bytes at all. */
        EMPTY,
        /** The input starts with something else: text, JSON, a database, an archive... */
        NOT_A_GRAKN_FILE,
        /** The input ends inside an item (or inside its length prefix, or inside compressed data). */
        TRUNCATED,
        /** A length prefix claims more bytes than the per-item limit allows. */
        LENGTH_TOO_LARGE,
        /** The bytes of an item are not a valid {@code Item} message (or a JSON line is not a valid Item). */
        INVALID_PROTOBUF,
        /** The gzip or zstd layer is corrupt. */
        CORRUPT_COMPRESSION
    }

    private final Defect kind;
    private final String file;
    private final long offset;
    private final long itemIndex;

    GraknFormatException(Defect kind, String file, long offset, long itemIndex, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.file = file;
        this.offset = offset;
        this.itemIndex = itemIndex;
    }

    public Defect kind() { return kind; }

    /** The input's display name (a path as the user gave it, or {@code <stdin>}). */
    public String file() { return file; }

    /** Byte offset in the item stream where the bad item starts, or -1 when not applicable. */
    public long offset() { return offset; }

    /** Index (from 0) of the bad item, or line number - 1 for JSON Lines; -1 when not applicable. */
    public long itemIndex() { return itemIndex; }
}
