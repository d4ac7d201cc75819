package io.graknmigrate.cli;

import io.graknmigrate.format.ItemKind;
import io.graknmigrate.format.ItemScanner;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.embedded.Version;
import io.graknmigrate.keyspace.KeyspaceName;

import java.io.IOException;
import java.nio.ByteBuffer;
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
        return new EmbeddedKeyspaces(data.resolve(ctx.env(), ctx.workingDirectory()), Version.tool());
    }

    /** Graql files as sources, named as the user wrote them; UTF-8 required. */
    static List<GraqlSource> graql(CommandContext ctx, List<String> files) throws IOException {
        List<GraqlSource> sources = new ArrayList<>();
        for (String f : files) {
            Path p = ctx.path(f);
            if (Files.isDirectory(p)) throw new IOException(f + ": is a directory, give a Graql file (.gql) there");
            byte[] bytes = Files.readAllBytes(p);
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                if (text.replaceAll("(?m)#.*$", "").isBlank()) {
                    throw new IOException(f + ": the file holds no Graql queries (it is empty or only comments), so there is nothing "
                            + "to define; check that it is the schema file you meant");
                }
                sources.add(new GraqlSource(f, text));
            } catch (CharacterCodingException e) {
                if (isBackup(p)) {
                    throw new IOException(f + ": is a .grakn backup, not a Graql file; load it with `grakn-migrate import <keyspace> " + f
                            + "` (and its schema with --schema FILE.gql)");
                }
                throw new IOException(f + ": not UTF-8 text, save the schema file as UTF-8");
            }
        }
        return sources;
    }

    /** Whether the file reads as a .grakn item stream that starts with its header. */
    private static boolean isBackup(Path file) {
        try (ItemScanner scanner = ItemScanner.open(file, file.toString())) {
            return scanner.next() && scanner.kind() == ItemKind.HEADER;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The keyspace argument, checked. */
    static String keyspace(List<String> args, String command) {
        if (args.isEmpty()) throw new UsageException("give the keyspace: grakn-migrate " + command + " <keyspace> ...");
        return KeyspaceName.check(args.get(0));
    }
}
