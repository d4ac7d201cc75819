package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.Compression;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.JsonlReader;
import io.graknmigrate.format.JsonlWriter;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.ProgressListener;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

@Parameters(commandNames = "convert", commandDescription = "Convert between .grakn and JSON Lines (.jsonl), optionally relabelling old=new; - is stdin/stdout")
final class ConvertCommand implements Command {

    enum Format { GRAKN, JSONL }

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Parameter(description = "<in> <out> [old=new ...]")
    List<String> arguments = new ArrayList<>();

    @Parameter(names = "--to", description = "Output format, grakn or jsonl (needed when the output is -)")
    String to;

    @Parameter(names = "--from", description = "Input format, grakn or jsonl (default: from the input's name; for -, the other format than --to)")
    String from;

    @Override
    public int run(CommandContext ctx) throws Exception {
        if (arguments.size() < 2) throw new UsageException("convert needs an input and an output file (- for stdin/stdout)");
        String in = arguments.get(0);
        String out = arguments.get(1);
        Relabel relabel = FileArguments.remap(arguments.subList(2, arguments.size()));
        Format outFormat = to != null ? parse(to, "--to") : FileArguments.isDash(out) ? null : fromName(out);
        if (outFormat == null) {
            throw new UsageException(FileArguments.isDash(out)
                    ? "writing to - needs --to grakn or --to jsonl"
                    : "cannot tell the format of " + out + " from its name: use .grakn or .jsonl (optionally .gz/.zst), or --to");
        }
        Format inFormat = from != null ? parse(from, "--from")
                : FileArguments.isDash(in) ? (outFormat == Format.GRAKN ? Format.JSONL : Format.GRAKN) : fromName(in);
        if (inFormat == null) {
            throw new UsageException("cannot tell the format of " + in + " from its name: use .grakn or .jsonl (optionally .gz/.zst), or --from");
        }
        Path inPath = FileArguments.isDash(in) ? null : FileArguments.input(ctx, in);
        Path outPath = FileArguments.isDash(out) ? null : FileArguments.output(ctx, out);
        if (inPath != null && outPath != null && Files.exists(outPath) && Files.isSameFile(inPath, outPath)) {
            throw new UsageException("the output " + out + " is the input; write to another file");
        }

        String inName = inPath == null ? FileArguments.STDIN_NAME : in;
        InputStream stdin = ctx.in();
        long total = inPath == null ? -1 : Files.size(inPath);
        ProgressListener progress = ctx.progress();
        long count = 0;
        long skipped;
        try (Source source = inFormat == Format.GRAKN
                ? new GraknSource(inPath == null ? ItemReader.open(stdin, inName) : ItemReader.open(inPath, inName))
                : new JsonlSource(inPath == null ? JsonlReader.open(stdin, inName) : JsonlReader.open(inPath, inName), inPath);
             Sink sink = outFormat == Format.GRAKN
                     ? new GraknSink(outPath == null ? ItemWriter.to(ctx.out(), FileArguments.STDOUT_NAME) : ItemWriter.create(outPath))
                     : new JsonlSink(outPath == null ? JsonlWriter.to(ctx.out(), FileArguments.STDOUT_NAME) : JsonlWriter.create(outPath))) {
            progress.start("convert", total, "bytes");
            while (source.hasNext()) {
                sink.write(relabel.apply(source.next()));
                if ((++count & 4095) == 0) {
                    progress.update(source.position());
                    if (Thread.currentThread().isInterrupted()) throw new CancellationException("convert was interrupted");
                }
            }
            progress.update(source.position());
            progress.finish();
            sink.complete();
            skipped = source.unknownItems();
        }
        if (skipped > 0) {
            ctx.warn(inName + ": skipped " + skipped + " items of a kind this version does not know (from a newer writer?)");
        }
        if (!ctx.quiet()) {
            ctx.err().println("converted " + count + " items from " + inName + " (" + name(inFormat) + ") to "
                    + (outPath == null ? FileArguments.STDOUT_NAME : out) + " (" + name(outFormat) + ")"
                    + (relabel.isEmpty() ? "" : ", relabelled " + relabel));
        }
        return 0;
    }

    private static String name(Format f) {
        return f.name().toLowerCase(Locale.ROOT);
    }

    private static Format parse(String value, String option) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "grakn" -> Format.GRAKN;
            case "jsonl", "json" -> Format.JSONL;
            default -> throw new UsageException(option + " must be grakn or jsonl, not " + value);
        };
    }

    static Format fromName(String name) {
        String base = Compression.stripSuffix(Path.of(name).getFileName().toString()).toLowerCase(Locale.ROOT);
        if (base.endsWith(".grakn")) return Format.GRAKN;
        if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) return Format.JSONL;
        return null;
    }

    private interface Source extends Iterator<Item>, Closeable {
        long position();

        long unknownItems();

        @Override
        void close();
    }

    private interface Sink extends Closeable {
        void write(Item item);

        void complete();

        @Override
        void close();
    }

    private record GraknSource(ItemReader reader) implements Source {
        public boolean hasNext() { return reader.hasNext(); }
        public Item next() { return reader.next(); }
        public long position() { return reader.position(); }
        public long unknownItems() { return reader.unknownItems(); }
        public void close() { reader.close(); }
    }

    private record JsonlSource(JsonlReader reader, Path path) implements Source {
        public boolean hasNext() { return reader.hasNext(); }
        public Item next() { return reader.next(); }
        public long position() { return reader.position(); }
        public long unknownItems() { return reader.unknownItems(); }
        public void close() { reader.close(); }
    }

    private record GraknSink(ItemWriter writer) implements Sink {
        public void write(Item item) { writer.writeAsIs(item); }
        public void complete() { writer.complete(); }
        public void close() { writer.close(); }
    }

    private record JsonlSink(JsonlWriter writer) implements Sink {
        public void write(Item item) { writer.write(item); }
        public void complete() { writer.complete(); }
        public void close() { writer.close(); }
    }
}
