package io.graknmigrate.cli;

import io.graknmigrate.client.ServerException;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.InternalFailureException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The library's messages say what is wrong; the command line adds what to do in its own options. */
class ErrorMessagesTest {

    @Test
    void eachImportReasonGetsTheAdviceOfThisTool() {
        for (ImportException.Reason reason : ImportException.Reason.values()) {
            ImportException e = new ImportException(reason, "import of f into keyspace k failed, nothing was changed", List.of());
            String line = ErrorMessages.describe(e);
            assertThat(e.getMessage()).doesNotContain("--").doesNotContain("grakn-migrate");
            switch (reason) {
                case CHECKSUM_MISMATCH, DUPLICATE_ID, DANGLING_REFERENCE -> assertThat(line).endsWith(", check it with `grakn-migrate verify`");
                case SCHEMA_VIOLATION -> assertThat(line).endsWith(", or import anyway with --skip-validation");
                case SCHEMA_MISMATCH -> assertThat(line).isEqualTo(e.getMessage());
                // Letting clashing keys through would break the key rule for good: never offered for them.
                case KEY_CLASH -> assertThat(line).isEqualTo(e.getMessage()).doesNotContain("--skip-validation");
                case KEYS_ALREADY_IN_KEYSPACE -> assertThat(line).contains("new keyspace").endsWith("with --clean")
                        .doesNotContain("--skip-validation");
            }
        }
    }

    @Test
    void aMissingKeyspaceSaysHowToCreateOne() {
        KeyspaceNotFoundException e = new KeyspaceNotFoundException("social", "/data");
        assertThat(e.getMessage()).isEqualTo("keyspace social not found in /data");
        assertThat(ErrorMessages.describe(e)).startsWith(e.getMessage())
                .contains("`grakn-migrate define social SCHEMA.gql`").contains("`grakn-migrate keyspaces`");
    }

    @Test
    void serverFailuresNameTheOptionToChange() {
        assertThat(ErrorMessages.describe(new ServerException(ServerException.Reason.TIMEOUT, Status.Code.DEADLINE_EXCEEDED, false,
                "no answer from h:1 within the timeout of 1s (schema); the server may be busy with another job: retry", null)))
                .endsWith("retry, or raise --timeout");
        assertThat(ErrorMessages.describe(new ServerException(ServerException.Reason.NOT_GRPC, Status.Code.UNAVAILABLE, false, "x", null)))
                .contains("add --tls");
        assertThat(ErrorMessages.describe(new ServerException(ServerException.Reason.NOT_GRPC, Status.Code.UNAVAILABLE, true, "x", null)))
                .contains("drop --tls");
        assertThat(ErrorMessages.describe(new ServerException(Status.Code.NOT_FOUND, "server h:1: keyspace x not found", null)))
                .isEqualTo("server h:1: keyspace x not found");
    }

    @Test
    void anUnexplainedStoreFailureAsksForAReport() {
        assertThat(ErrorMessages.describe(new InternalFailureException("store error while reading keyspace k (boom)", null)))
                .isEqualTo("store error while reading keyspace k (boom), rerun with -v and report it");
    }
}
