package io.graknmigrate.cli;

import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the keyspace commands share: the embedded keyspaces of --data, and reading Graql files. */
final class Embedded {

    private Embedded() { }

    static EmbeddedKeyspaces keyspaces(CommandContext ctx, DataOptions data) {
        return new EmbeddedKeyspaces(data.resolve(ctx.env(), ctx.workingDirectory()), "grakn-migrate " + Main.version());
    }

    /** Graql files as sources, named as the user wrote them; UTF-8 required. */
    static List<GraqlSource> graql(CommandContext ctx, List<String> files) throws IOException {
        List<GraqlSource> sources = new ArrayList<>();
        for (String f : files) {
            Path p = ctx.path(f);
            if (Files.isDirectory(p)) throw new IOException(f + " is a directory, give a Graql file (.gql) there");
            byte[] bytes = Files.readAllBytes(p);
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                sources.add(new GraqlSource(f, text));
            } catch (CharacterCodingException e) {
                throw new IOException(f + ": not UTF-8 text, save the schema file as UTF-8");
            }
        }
        return sources;
    }

    /** The keyspace argument, checked. */
    static String keyspace(List<String> args, String command) {
        if (args.isEmpty()) throw new UsageException("give the keyspace: grakn-migrate " + command + " <keyspace> ...");
        return io.graknmigrate.keyspace.KeyspaceName.check(args.get(0));
    }
}
