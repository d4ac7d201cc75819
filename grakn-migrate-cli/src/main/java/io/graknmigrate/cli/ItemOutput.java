package io.graknmigrate.cli;

import io.graknmigrate.format.Compression;
import io.graknmigrate.format.ExistingFile;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.JsonlWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.migrate.ItemSinks;

import java.io.Closeable;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command writes items (export, convert): a {@code .grakn} or JSON Lines file, told apart by
 * its name ({@code .gz}/{@code .zst} compress), or standard output. Files are written atomically and,
 * unless replacing was asked for, never over an existing file.
 */
interface ItemOutput extends Closeable {

    /** The formats an item file can have. */
    enum Format {
        GRAKN, JSONL;

        /** The format a file name says, or null when it says none. */
        static Format fromName(String name) {
            String base = Compression.stripSuffix(Path.of(name).getFileName().toString()).toLowerCase(Locale.ROOT);
            if (base.endsWith(".grakn")) return GRAKN;
            if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) return JSONL;
            return null;
        }

        /** The value of a {@code --to}/{@code --from} option. */
        static Format parse(String value, String option) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "grakn" -> GRAKN;
                case "jsonl", "json" -> JSONL;
                default -> throw new UsageException(option + " must be grakn or jsonl, not " + value);
            };
        }

        String displayName() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Writes any item as it is (header and checksums included). */
    void write(Item item);

    /** The export engine's sink: header first, things, checksums last, which completes the output. */
    ItemSink sink();

    /** Ends the output: a file gets its real name. */
    void complete();

    @Override
    void close();

    /** A file in {@code format}, compressed as its name says. */
    static ItemOutput file(Path path, Format format, ExistingFile existing) {
        return format == Format.GRAKN
                ? new Grakn(ItemWriter.create(path, Compression.fromFileName(path.getFileName().toString()), existing))
                : new Jsonl(JsonlWriter.create(path, existing));
    }

    /** A stream (standard output) in {@code format}, uncompressed. */
    static ItemOutput stream(OutputStream out, String displayName, Format format) {
        return format == Format.GRAKN ? new Grakn(ItemWriter.to(out, displayName)) : new Jsonl(JsonlWriter.to(out, displayName));
    }

    record Grakn(ItemWriter writer) implements ItemOutput {
        public void write(Item item) { writer.writeAsIs(item); }
        public ItemSink sink() { return ItemSinks.to(writer); }
        public void complete() { writer.complete(); }
        public void close() { writer.close(); }
    }

    record Jsonl(JsonlWriter writer) implements ItemOutput {
        public void write(Item item) { writer.write(item); }
        public ItemSink sink() {
            return item -> {
                writer.write(item);
                if (item.getItemCase() == Item.ItemCase.CHECKSUMS) writer.complete();
            };
        }
        public void complete() { writer.complete(); }
        public void close() { writer.close(); }
    }
}
