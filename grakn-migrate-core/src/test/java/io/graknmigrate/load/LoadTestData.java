package io.graknmigrate.load;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.store.TestData;

import java.util.List;

/** The schema and data the load tests use, and a content-only view of an export to compare keyspaces. */
final class LoadTestData {

    private LoadTestData() { }

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            email sub attribute, value string, regex "[a-z0-9.]+@[a-z.]+";
            age sub attribute, value long;
            score sub attribute, value double;
            born sub attribute, value datetime;
            active sub attribute, value boolean;
            person sub entity, key email, has name, has age, has score, has born, has active, plays friend, plays employee;
            student sub person;
            company sub entity, has name, plays employer;
            pet sub entity, abstract;
            friendship sub relation, relates friend, has score;
            employment sub relation, relates employee, relates employer;
            """;

    static final String BASE_DATA = """
            insert $p isa person, has email "base@x.org", has name "Base";
            insert $c isa company, has name "Base Inc";
            """;

    static List<Item> read(byte[] bytes) {
        return TestData.read(bytes);
    }

    /** The graph of an export with ids replaced by content ({@link TestData#canonical}), to compare keyspaces. */
    static List<String> canonical(byte[] export) {
        return TestData.canonical(TestData.read(export));
    }
}
