package io.graknmigrate.typedb3;

import io.graknmigrate.format.ProgressListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Checks a ({@code schema.tql}, {@code data.typedb}) pair against this project's model of TypeDB 3's
 * documented import and schema rules, without a server: the schema is parsed from its text by
 * {@link TypeQlParser} and checked by {@link SchemaRules}; the data is checked by {@link DataRules}.
 * Each problem names the TypeDB error it would cause. An empty list means the import should succeed
 * and keep every item.
 *
 * <p>Why it has a work database of its own (in {@link DataRules}) although {@link DataPasses} already
 * resolved every id: it checks the files as TypeDB's {@code database import} will read them, without
 * trusting anything the conversion decided, so a fault in the conversion shows up here instead of in
 * the user's TypeDB. It checks TypeDB 3's rules (kinds, cardinalities, keys, scoped roles, owner-less
 * attributes), which neither {@code format.Verification} (Grakn's file rules, no schema) nor the
 * import's checks (Grakn 1.8's rules, in a keyspace) know.
 */
public final class ImportValidator {

    private ImportValidator() { }

    public static List<String> validate(Path schemaFile, Path dataFile, Path workDirectory, ProgressListener progress) throws IOException {
        TypeQlSchema schema;
        try {
            schema = TypeQlParser.parse(Files.readString(schemaFile, StandardCharsets.UTF_8));
        } catch (TypeQlSchemaException e) {
            return List.of("schema.tql does not parse as one TypeQL 3 define query (DBI10/DBI12): " + e.getMessage());
        }
        Problems problems = new Problems();
        SchemaRules.check(schema, problems);
        try (WorkDatabase db = new WorkDatabase(workDirectory, "typedb3-validate")) {
            DataRules.check(schema, problems, dataFile, db, progress == null ? ProgressListener.NONE : progress);
        } catch (SQLException e) {
            throw new IOException("the validator's work database failed (" + e.getMessage() + "); check free space in " + workDirectory, e);
        }
        return problems.list();
    }
}
