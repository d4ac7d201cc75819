package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.schema.SchemaPicture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

@Parameters(commandNames = "schema", commandDescription = "Print a keyspace's schema as one Graql define query, as Grakn 1.8 prints it, "
        + "or as a picture (DOT, Mermaid, SVG)")
final class SchemaCommand extends KeyspaceCommand {

    /** What {@code --format} prints. */
    enum Format { GRAQL, DOT, MERMAID, SVG }

    @Parameter(description = "<keyspace>")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--format", description = "graql: the define query; dot: a Graphviz graph of the types, their hierarchy, "
            + "owned attributes and roles; mermaid: the same as a Mermaid flowchart (GitHub renders it in Markdown); "
            + "svg: the graph drawn by Graphviz's dot")
    Format format = Format.GRAQL;

    @ParametersDelegate
    ServerOptions server = new ServerOptions();

    @Override
    public int run(CommandContext ctx) throws IOException, SchemaException, InterruptedException {
        String keyspace = Embedded.keyspace(args, "schema");
        if (args.size() > 1) throw new UsageException("schema takes one keyspace, got " + args.size() + " arguments");
        if (format == Format.GRAQL) {
            if (server.remote()) return Remote.schema(ctx, server, keyspace);
            ctx.out().print(keyspaces(ctx).schema(keyspace));
            return 0;
        }
        Schema schema;
        if (server.remote()) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            CommandContext capture = new CommandContext(ctx.in(), new PrintStream(text, true, StandardCharsets.UTF_8), ctx.err(),
                    ctx.env(), ctx.workingDirectory(), ctx.verbose(), ctx.quiet(), ctx.terminals());
            Remote.schema(capture, server, keyspace);
            schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource(keyspace + " on " + server.server,
                    text.toString(StandardCharsets.UTF_8))), w -> { });
        } else {
            schema = keyspaces(ctx).store().schema(keyspace);
        }
        SchemaPicture picture = new SchemaPicture(schema);
        switch (format) {
            case DOT -> ctx.out().print(picture.toDot());
            case MERMAID -> ctx.out().print(picture.toMermaid());
            case SVG -> ctx.out().write(svg(picture.toDot()));
            default -> throw new IllegalStateException(format.toString());
        }
        return 0;
    }

    /** Runs Graphviz's {@code dot -Tsvg} on the graph; says how to install it when it is missing. */
    static byte[] svg(String dot) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("--format svg needs Graphviz's dot, which is not installed (or not on PATH): install it "
                    + "(Debian/Ubuntu: sudo apt-get install graphviz; Fedora: sudo dnf install graphviz; macOS: brew install graphviz), "
                    + "or print --format dot and draw it elsewhere", e);
        }
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        CompletableFuture<byte[]> svg = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("Graphviz's dot did not finish drawing the schema within 2 minutes; print --format dot instead");
        }
        if (p.exitValue() != 0) {
            throw new IOException("Graphviz's dot failed (exit " + p.exitValue() + "): "
                    + ErrorMessages.oneLine(new String(errors.join(), StandardCharsets.UTF_8).strip()));
        }
        return svg.join();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
