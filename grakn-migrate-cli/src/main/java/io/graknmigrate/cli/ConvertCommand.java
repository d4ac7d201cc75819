package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.JsonlReader;
import io.graknmigrate.format.Numbers;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.cli.ItemOutput.Format;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;

@Parameters(commandNames = "convert", commandDescription = "Convert between .grakn and JSON Lines (.jsonl), optionally relabelling old=new; - is stdin/stdout")
final class ConvertCommand implements Command {


    @Parameter(description = "<in> <out> [old=new ...]")
    List<String> arguments = new ArrayList<>();

    @Parameter(names = "--to", description = "Output format (needed when the output is -)")
    Format to;

    @ParametersDelegate
    OverwriteOptions overwrite = new OverwriteOptions();

    @Parameter(names = "--from", description = "Input format (default: from the input's name; for -, the other format than --to)")
    Format from;

    @Override
    public int run(CommandContext ctx) throws Exception {
        if (arguments.size() < 2) throw new UsageException("convert needs an input and an output file (- for stdin/stdout)");
        String in = arguments.get(0);
        String out = arguments.get(1);
        Relabel relabel = FileArguments.remap(arguments.subList(2, arguments.size()));
        Format outFormat = to != null ? to : FileArguments.isDash(out) ? null : Format.fromName(out);
        if (outFormat == null) {
            throw new UsageException(FileArguments.isDash(out)
                    ? "writing to - needs --to grakn or --to jsonl"
                    : "cannot tell the format of " + out + " from its name: use .grakn or .jsonl (optionally .gz/.zst), or --to");
        }
        Format inFormat = from != null ? from
                : FileArguments.isDash(in) ? (outFormat == Format.GRAKN ? Format.JSONL : Format.GRAKN) : Format.fromName(in);
        if (inFormat == null) {
            throw new UsageException("cannot tell the format of " + in + " from its name: use .grakn or .jsonl (optionally .gz/.zst), or --from");
        }
        Path inPath = FileArguments.isDash(in) ? null : FileArguments.input(ctx, in);
        Path outPath = FileArguments.isDash(out) ? null : FileArguments.output(ctx, out);
        if (inPath != null && outPath != null && Files.exists(outPath) && Files.isSameFile(inPath, outPath)) {
            throw new UsageException("the output " + out + " is the input; write to another file");
        }

        String inName = inPath == null ? FileArguments.STDIN_NAME : in;
        InputStream stdin = inPath == null ? FileArguments.stdin(ctx) : ctx.in();
        if (outPath == null && outFormat == Format.GRAKN) FileArguments.refuseBinaryOnTerminal(ctx, "a .grakn stream");
        long total = inPath == null ? -1 : Files.size(inPath);
        ProgressListener progress = ctx.progress();
        long count = 0;
        long skipped;
        try (Source source = inFormat == Format.GRAKN
                ? new GraknSource(inPath == null ? ItemReader.open(stdin, inName) : ItemReader.open(inPath, inName))
                : new JsonlSource(inPath == null ? JsonlReader.open(stdin, inName) : JsonlReader.open(inPath, inName), inPath);
             ItemOutput sink = outPath == null
                     ? ItemOutput.stream(ctx.out(), FileArguments.STDOUT_NAME, outFormat)
                     : ItemOutput.file(outPath, outFormat, overwrite.existing())) {
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
            ctx.warn(inName + ": skipped " + Numbers.count(skipped, "item", "items") + " of a kind this version does not know (from a newer writer?)");
        }
        for (String unused : relabel.unmatched()) {
            ctx.warn(unused + " matched nothing: no type or role of " + inName + " is labelled '" + unused.substring(0, unused.indexOf('='))
                    + "' (check the spelling; labels are case-sensitive)");
        }
        if (!ctx.quiet()) {
            ctx.summary(ctx.err(), summaryLine(count, inName, inFormat.displayName(), outPath == null ? FileArguments.STDOUT_NAME : out,
                    outFormat.displayName(), relabel.matchedText()));
        }
        return 0;
    }

    /** The one-line summary: items converted, from where to where, and the remaps that matched. */
    static String summaryLine(long items, String in, String inFormat, String out, String outFormat, String relabelled) {
        return "converted " + Numbers.count(items, "item", "items") + " from " + in + " (" + inFormat + ") to " + out + " (" + outFormat + ")"
                + (relabelled.isEmpty() ? "" : ", relabelled " + relabelled);
    }

    private interface Source extends Iterator<Item>, Closeable {
        long position();

        long unknownItems();

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

    @Override
    public String interruptedLine() {
        boolean toStdout = arguments.size() >= 2 && FileArguments.isDash(arguments.get(1));
        return toStdout ? "interrupted, the output on stdout is incomplete" : "interrupted, nothing written";
    }
}
