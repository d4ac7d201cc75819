package io.graknmigrate.typedb3;

import io.graknmigrate.format.proto.Item;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Delimited {@link Item} streams as both Grakn 1.8 and TypeDB 3 frame them (varint length, then the
 * message). Lengths above {@link #MAX_ITEM_BYTES} are refused before anything is allocated.
 */
final class ItemFiles {

    static final int MAX_ITEM_BYTES = 64 << 20;

    private ItemFiles() { }

    /** Reads items one by one; the position (item number) is kept for error messages. */
    static final class Reader implements Iterator<Item>, Closeable {
        private final Path path;
        private final InputStream in;
        private Item next;
        private long index;
        private long offset;

        Reader(Path path) throws IOException {
            this.path = path;
            this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            try {
                next = read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return next != null;
        }

        @Override
        public Item next() {
            if (!hasNext()) throw new NoSuchElementException();
            Item item = next;
            next = null;
            index++;
            return item;
        }

        /** Number of items returned so far. */
        long index() { return index; }

        private Item read() throws IOException {
            long start = offset;
            int first = in.read();
            if (first < 0) return null;
            offset++;
            long size = first & 0x7f;
            int shift = 7;
            int b = first;
            while ((b & 0x80) != 0) {
                b = in.read();
                if (b < 0) throw corrupt(start, "the file ends inside an item's length");
                offset++;
                if (shift > 63) throw corrupt(start, "an item's length is not a valid varint");
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            }
            if (size < 0 || size > MAX_ITEM_BYTES) {
                throw corrupt(start, "an item claims " + size + " bytes (more than " + MAX_ITEM_BYTES + ")");
            }
            byte[] bytes = in.readNBytes((int) size);
            if (bytes.length < size) throw corrupt(start, "the file ends inside an item (truncated)");
            offset += size;
            try {
                return Item.parseFrom(bytes);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw corrupt(start, "an item does not decode (" + e.getMessage() + ")");
            }
        }

        private IOException corrupt(long at, String what) {
            return new IOException(path + ": " + what + " at byte " + at + " (item " + (index + 1)
                    + "); the file is damaged or not a .grakn file, check it with grakn-migrate verify");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    static final class Writer implements Closeable {
        private final OutputStream out;

        Writer(Path path) throws IOException {
            this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        }

        void write(Item item) throws IOException {
            item.writeDelimitedTo(out);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static void requireReadable(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            if (!Files.exists(path)) throw new java.nio.file.NoSuchFileException(path.toString());
            throw new IOException(path + ": not a regular file, give a .grakn file");
        }
        if (Files.size(path) == 0) throw new EOFException(path + ": the file is empty, give a .grakn export");
    }
}
