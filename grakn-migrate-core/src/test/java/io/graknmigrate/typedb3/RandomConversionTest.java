package io.graknmigrate.typedb3;

import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.ValueType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random Grakn schemas and exports, with the awkward parts mixed in (type and role
 * hierarchies, attributes owning attributes, undeclared ownerships, duplicates, dangling ids,
 * attribute players, reserved labels). Whatever the input, the converter's output must pass the
 * validator and the report's counts must add up.
 */
class RandomConversionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void anyInputConvertsToAValidPair(long seed) throws Exception {
        Random rnd = new Random(seed);
        String graql = randomSchema(rnd);
        Schema schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("random.gql", graql)), w -> { });
        Path input = dir.resolve("in.grakn");
        writeRandomData(rnd, schema, input);
        Typedb3Converter.Options options = new Typedb3Converter.Options()
                .attributeOwners(rnd.nextBoolean() ? Typedb3Converter.AttributeOwners.REHOME : Typedb3Converter.AttributeOwners.DROP);
        try {
            new Typedb3Converter(schema, options, null).convert(input, dir.resolve("out"));
        } catch (DropsRefusedException e) {
            // random data breaks the schema on purpose: refused means nothing was written
            assertThat(e.count()).isPositive();
            assertThat(dir.resolve("out")).doesNotExist();
        }
        options.allowDrops(true).onBadValue(Typedb3Converter.BadValuePolicy.DROP);
        Typedb3Converter.Result result = new Typedb3Converter(schema, options, null).convert(input, dir.resolve("out"));
        ConversionReport r = result.report();
        if (System.getProperty("typedb3.print") != null) System.out.println(graql + "\n" + java.nio.file.Files.readString(result.schemaFile()) + r.toMarkdown());
        assertThat(r.problems()).as("seed %d, schema:\n%s", seed, graql).isEmpty();

        ReportInvariants.assertCountsAddUp(r);
    }

    private static final String[] VALUE_TYPES = {"string", "long", "double", "boolean", "datetime"};

    static String randomSchema(Random rnd) {
        StringBuilder sb = new StringBuilder("define\n");
        int attrs = 3 + rnd.nextInt(5);
        List<String> attributes = new ArrayList<>();
        Map<String, String> valueOf = new HashMap<>();
        for (int i = 0; i < attrs; i++) {
            String label = i == 0 ? "from" : "a" + i;
            if (i > 1 && rnd.nextInt(3) == 0) {
                String sup = attributes.get(rnd.nextInt(attributes.size()));
                sb.append(label).append(" sub ").append(sup).append(rnd.nextBoolean() ? ", value " + valueOf.get(sup) : "").append(";\n");
                valueOf.put(label, valueOf.get(sup));
            } else {
                String vt = i == 0 ? "string" : VALUE_TYPES[rnd.nextInt(VALUE_TYPES.length)];
                sb.append(label).append(" sub attribute, value ").append(vt);
                if (vt.equals("string") && rnd.nextInt(3) == 0) sb.append(", regex \"[a-z]+\"");
                sb.append(";\n");
                valueOf.put(label, vt);
            }
            attributes.add(label);
        }
        // roles
        int rels = 2 + rnd.nextInt(3);
        List<String> relations = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < rels; i++) {
            String label = "r" + i;
            if (i > 0 && rnd.nextInt(3) == 0) {
                String sup = relations.get(rnd.nextInt(relations.size()));
                String role = label + "_z";
                sb.append(label).append(" sub ").append(sup).append(", relates ").append(role);
                if (rnd.nextBoolean()) sb.append(" as ").append(sup).append("_x");
                sb.append(";\n");
                roles.add(role);
            } else {
                sb.append(label).append(" sub relation, relates ").append(label).append("_x, relates ").append(label).append("_y");
                if (rnd.nextBoolean()) sb.append(", has ").append(attributes.get(rnd.nextInt(attributes.size())));
                sb.append(";\n");
                roles.add(label + "_x");
                roles.add(label + "_y");
            }
            relations.add(label);
        }
        if (rnd.nextBoolean()) roles.add("in");
        if (roles.contains("in")) sb.append("r0 relates in;\n");
        for (String r : relations) {
            if (rnd.nextInt(3) == 0) sb.append(r).append(" plays ").append(roles.get(rnd.nextInt(roles.size()))).append(";\n");
        }
        int ents = 2 + rnd.nextInt(4);
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < ents; i++) {
            String label = "e" + i;
            boolean sub = i > 0 && rnd.nextInt(3) == 0;
            sb.append(label).append(" sub ").append(sub ? entities.get(rnd.nextInt(entities.size())) : "entity");
            if (!sub && rnd.nextInt(4) == 0) sb.append(", abstract");
            for (String a : attributes) if (rnd.nextInt(3) == 0) sb.append(rnd.nextInt(5) == 0 && valueOf.get(a).equals("string") ? ", key " : ", has ").append(a);
            for (String r : roles) if (rnd.nextInt(3) == 0) sb.append(", plays ").append(r);
            sb.append(";\n");
            entities.add(label);
        }
        // attributes owning attributes
        for (int i = 0; i < 2; i++) {
            String owner = attributes.get(rnd.nextInt(attributes.size()));
            String owned = attributes.get(rnd.nextInt(attributes.size()));
            if (!owner.equals(owned)) sb.append(owner).append(" has ").append(owned).append(";\n");
        }
        if (rnd.nextBoolean()) sb.append("rule1 sub rule, when { $x isa e0; }, then { $x has from \"x\"; };\n");
        return sb.toString();
    }

    static void writeRandomData(Random rnd, Schema schema, Path file) {
        Map<String, List<String>> byType = new HashMap<>();
        List<String> allAttributes = new ArrayList<>();
        List<String> allObjects = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        int next = 0;
        for (ThingType t : schema.types()) {
            if (t.kind() != TypeKind.ATTRIBUTE || t.isAbstract()) continue;
            int n = rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                String id = "V" + next++;
                ValueType vt = schema.valueType(t.label());
                ValueObject.Builder v = ValueObject.newBuilder();
                switch (vt) {
                    case STRING -> v.setString(rnd.nextInt(10) == 0 ? "X9" : "v" .replace("v", "abc".substring(0, 1 + rnd.nextInt(3))) + i);
                    case LONG -> v.setLong(i);
                    case DOUBLE -> v.setDouble(i + 0.5);
                    case BOOLEAN -> v.setBoolean(i % 2 == 0);
                    case DATETIME -> v.setDatetime(1_600_000_000_000L + i);
                }
                if (rnd.nextInt(25) == 0) v.setLong(7); // wrong value type now and then
                byType.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(id);
                allAttributes.add(id);
                items.add(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(t.label()).setValue(v)).build());
            }
        }
        // attributes owning attributes, per the schema and now and then not
        for (int i = 0; i < items.size(); i++) {
            Item.Attribute a = items.get(i).getAttribute();
            Item.Attribute.Builder b = a.toBuilder();
            for (String owned : schema.ownedAttributeTypes(a.getLabel())) {
                List<String> ids = byType.getOrDefault(owned, List.of());
                if (!ids.isEmpty() && rnd.nextBoolean()) b.addAttribute(Item.OwnedAttribute.newBuilder().setId(ids.get(rnd.nextInt(ids.size()))));
            }
            items.set(i, Item.newBuilder().setAttribute(b).build());
        }
        List<ThingType> objects = schema.types().stream().filter(t -> t.kind() != TypeKind.ATTRIBUTE && !t.isAbstract()).toList();
        Map<String, String> typeOf = new HashMap<>();
        for (ThingType t : objects) for (int i = 0; i < 1 + rnd.nextInt(5); i++) {
            String id = "V" + next++;
            typeOf.put(id, t.label());
            allObjects.add(id);
        }
        for (String id : allObjects) {
            String type = typeOf.get(id);
            List<Item.OwnedAttribute> owned = new ArrayList<>();
            for (String at : schema.ownedAttributeTypes(type)) {
                for (ThingType sub : schema.types()) {
                    if (!schema.isSubtypeOf(sub.label(), at)) continue;
                    List<String> ids = byType.getOrDefault(sub.label(), List.of());
                    int k = rnd.nextInt(3);
                    for (int j = 0; j < k && !ids.isEmpty(); j++) owned.add(Item.OwnedAttribute.newBuilder().setId(ids.get(rnd.nextInt(ids.size()))).build());
                }
            }
            if (rnd.nextInt(8) == 0 && !allAttributes.isEmpty()) owned.add(Item.OwnedAttribute.newBuilder().setId(allAttributes.get(rnd.nextInt(allAttributes.size()))).build());
            if (rnd.nextInt(10) == 0) owned.add(Item.OwnedAttribute.newBuilder().setId("missing" + rnd.nextInt(3)).build());
            if (rnd.nextInt(10) == 0 && !owned.isEmpty()) owned.add(owned.get(0));
            if (schema.type(type).get().kind() == TypeKind.ENTITY) {
                items.add(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId(id).setLabel(type).addAllAttribute(owned)).build());
            } else {
                Item.Relation.Builder rb = Item.Relation.newBuilder().setId(id).setLabel(type).addAllAttribute(owned);
                for (String role : schema.relatedRoles(type)) {
                    Item.Relation.Role.Builder role1 = Item.Relation.Role.newBuilder().setLabel(role);
                    for (String p : allObjects) {
                        if (schema.plays(typeOf.get(p), role) && rnd.nextInt(3) == 0) role1.addPlayer(Item.Relation.Role.Player.newBuilder().setId(p));
                    }
                    if (rnd.nextInt(10) == 0 && !allAttributes.isEmpty()) role1.addPlayer(Item.Relation.Role.Player.newBuilder().setId(allAttributes.get(0)));
                    if (rnd.nextInt(10) == 0) role1.addPlayer(Item.Relation.Role.Player.newBuilder().setId("ghost"));
                    if (role1.getPlayerCount() > 0) rb.addRole(role1);
                }
                items.add(Item.newBuilder().setRelation(rb).build());
            }
        }
        java.util.Collections.shuffle(items, rnd);
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("1.8.4", "random");
            for (Item i : items) w.write(i);
            w.finish();
        }
    }
}
