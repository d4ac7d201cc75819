package io.graknmigrate.format;

import com.github.luben.zstd.ZstdIOException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Reads JSON Lines, one {@link Item} a line in protobuf's standard JSON mapping (blank lines are
 * skipped; gzip and zstd are detected). Lines longer than the per-item limit are refused before they
 * are held in memory. Errors are {@link GraknFormatException}s naming the line.
 */
public final class JsonlReader implements Iterator<Item>, Closeable {

    private static final Pattern NEGATIVE_ZERO = Pattern.compile("\"double\"\\s*:\\s*\"?-0");

    private final String name;
    private final InputStream raw;
    private final Reader reader;
    private final int maxChars;
    // Unknown fields are a newer writer's, tolerated as in the binary format.
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
    private final StringBuilder line = new StringBuilder(256);
    private final char[] chars = new char[1 << 15];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private long offset;
    private Item next;
    private long itemIndex = -1;
    private long unknownItems;

    private JsonlReader(InputStream raw, String name, int maxChars) {
        this.name = name;
        this.raw = raw;
        this.maxChars = maxChars;
        try {
            PushbackInputStream peek = new PushbackInputStream(raw, 4);
            InputStream in = Compression.detect(peek).decompress(peek);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            this.reader = new InputStreamReader(in, decoder);
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    /** A broken gzip/zstd layer is a damaged file, like in {@link FrameReader}; anything else is plain I/O. */
    private RuntimeException readFailure(IOException e) {
        if (e instanceof EOFException) {
            return new GraknFormatException(GraknFormatException.Defect.TRUNCATED, name, offset, Math.max(lineNumber, 0),
                    name + ": the compressed data ends early (line " + (lineNumber + 1)
                            + "), the file is incomplete: convert it again or restore a complete copy", e);
        }
        if (e instanceof ZipException || e instanceof ZstdIOException) {
            return new GraknFormatException(GraknFormatException.Defect.CORRUPT_COMPRESSION, name, offset, Math.max(lineNumber, 0),
                    name + ": corrupt compressed data (line " + (lineNumber + 1) + "): "
                            + String.valueOf(e.getMessage()).replaceAll("\\p{Cc}", " ") + "; restore a good copy", e);
        }
        return FrameReader.wrap(name + ": cannot read (" + e.getMessage() + ")", e);
    }

    public static JsonlReader open(Path path) {
        return open(path, path.toString());
    }

    public static JsonlReader open(Path path, String displayName) {
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new JsonlReader(raw, displayName, ItemReader.DEFAULT_MAX_ITEM_BYTES);
        } catch (RuntimeException | Error e) {
            FrameReader.closeAfterFailure(raw, e);
            throw e;
        }
    }

    public static JsonlReader open(InputStream in, String displayName) {
        return new JsonlReader(in, displayName, ItemReader.DEFAULT_MAX_ITEM_BYTES);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            long start = offset;
            if (!readLine()) return false;
            if (line.toString().isBlank()) continue;
            Item.Builder b = Item.newBuilder();
            try {
                parser.merge(line.toString(), b);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                String cause = String.valueOf(e.getMessage()).replaceAll("\\p{Cc}", " "); // input bytes echo here: no CR, ESC, C1 controls
                if (cause.length() > 200) cause = cause.substring(0, 200) + "...";
                throw new GraknFormatException(GraknFormatException.Defect.INVALID_PROTOBUF, name, start, lineNumber - 1,
                        name + ": line " + lineNumber + " is not a JSON Item (" + cause + "), fix or remove that line", e);
            }
            if (b.hasAttribute() && b.getAttribute().getValue().getValueCase() == ValueObject.ValueCase.DOUBLE
                    && Double.doubleToRawLongBits(b.getAttribute().getValue().getDouble()) == 0L
                    && NEGATIVE_ZERO.matcher(line).find()) {
                // JsonFormat's parser drops the sign of -0.0; the only double field of an Item is the value.
                b.getAttributeBuilder().getValueBuilder().setDouble(-0.0);
            }
            itemIndex++;
            if (b.getItemCase() == Item.ItemCase.ITEM_NOT_SET) {
                unknownItems++;
                continue;
            }
            next = b.build();
        }
        return true;
    }

    @Override
    public Item next() {
        if (!hasNext()) throw new NoSuchElementException();
        Item item = next;
        next = null;
        return item;
    }

    private boolean readLine() {
        line.setLength(0);
        while (true) {
            if (pos == limit) {
                if (eof) break;
                try {
                    int r = reader.read(chars, 0, chars.length);
                    if (r < 0) {
                        eof = true;
                        break;
                    }
                    pos = 0;
                    limit = r;
                } catch (CharacterCodingException e) {
                    throw new GraknFormatException(GraknFormatException.Defect.INVALID_PROTOBUF, name, offset, lineNumber,
                            name + ": line " + (lineNumber + 1) + " is not valid UTF-8 text; this is not a JSON Lines file", e);
                } catch (IOException e) {
                    throw readFailure(e);
                }
            }
            int start = pos;
            while (pos < limit && chars[pos] != '\n') pos++;
            line.append(chars, start, pos - start);
            offset += pos - start;
            if (line.length() > maxChars) {
                throw new GraknFormatException(GraknFormatException.Defect.LENGTH_TOO_LARGE, name, offset, lineNumber,
                        name + ": line " + (lineNumber + 1) + " is longer than " + maxChars
                                + " characters, more than any item may be; this is not a JSON Lines export", null);
            }
            if (pos < limit) {
                pos++;
                offset++;
                lineNumber++;
                return true;
            }
        }
        if (line.length() == 0) return false;
        lineNumber++;
        return true;
    }

    /** Lines skipped because their item kind is unknown (a newer writer's, or an empty object). */
    public long unknownItems() { return unknownItems; }

    /** Index (from 0, counting skipped unknown items) of the item last returned. */
    public long itemIndex() { return itemIndex; }

    /** Characters consumed so far: about the bytes of uncompressed, mostly ASCII input, for progress. */
    public long position() { return offset; }

    /** The line number (from 1) of the item last returned. */
    public long lineNumber() { return lineNumber; }

    @Override
    public void close() {
        FrameReader.close(reader, raw);
    }
}
