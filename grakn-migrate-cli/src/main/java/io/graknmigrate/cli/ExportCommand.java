package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.migrate.ExportSummary;
import io.graknmigrate.migrate.ItemSinks;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "export", commandDescription = "Export a keyspace to a .grakn file (- for stdout), readable by Grakn 1.8's importer")
final class ExportCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace> <file|->")
    List<String> args = new ArrayList<>();

    @ParametersDelegate
    ServerFileOptions server = new ServerFileOptions();

    @ParametersDelegate
    OverwriteOptions overwrite = new OverwriteOptions();

    @Override
    public int run(CommandContext ctx) throws Exception {
        String keyspace = Embedded.keyspace(args, "export");
        if (server.remote()) return Remote.export(ctx, server, keyspace, args, overwrite.existing());
        if (args.size() != 2) throw new UsageException("give the keyspace and one output file (- for stdout): grakn-migrate export " + keyspace + " <file|->");
        var keyspaces = keyspaces(ctx);
        String target = args.get(1);
        ExportSummary summary;
        if (target.equals("-")) {
            FileArguments.refuseBinaryOnTerminal(ctx, "the export of " + keyspace);
            long[] bytes = {0};
            OutputStream counting = new FilterOutputStream(ctx.out()) {
                @Override public void write(int b) throws IOException { out.write(b); bytes[0]++; }
                @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); bytes[0] += len; }
            };
            try (ItemWriter writer = ItemWriter.to(counting, "stdout")) {
                summary = keyspaces.export(keyspace, ItemSinks.to(writer), ctx.progress());
            }
            ctx.out().flush();
            ctx.summary(ctx.err(), summary.withBytes(bytes[0]).line());
        } else {
            Path path = ctx.path(target);
            if (Files.isDirectory(path)) throw new UsageException(target + ": is a directory, give a file name such as " + keyspace + ".grakn");
            FileArguments.output(ctx, target); // a missing directory is named as such, not as the temporary file inside it
            if (!keyspaces.exists(keyspace)) keyspaces.schema(keyspace); // fails with "not found" before a file is created
            // The name says the format, as for convert; anything but JSON Lines is a .grakn backup.
            ItemOutput.Format format = ItemOutput.Format.fromName(target);
            try (ItemOutput output = ItemOutput.file(path, format == null ? ItemOutput.Format.GRAKN : format, overwrite.existing())) {
                summary = keyspaces.export(keyspace, output.sink(), ctx.progress());
                output.complete();
            }
            ctx.summary(ctx.out(), summary.withBytes(Files.size(path)).line() + " to " + target);
        }
        return 0;
    }

    @Override
    public String interruptedLine() {
        return args.size() == 2 && FileArguments.isDash(args.get(1)) ? "interrupted, the output on stdout is incomplete" : "interrupted, nothing written";
    }
}
