package io.graknmigrate.typedb3;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a small Grakn 1.8 export in a test directory, converts it, and exposes what came out. */
final class Conversion {

    private final Path dir;
    private final String graql;
    private final List<Item> items = new ArrayList<>();
    private Typedb3Converter.Options options = new Typedb3Converter.Options();
    private ProgressListener progress = ProgressListener.NONE;

    Typedb3Converter.Result result;
    String schemaText;
    List<Item> output;

    Conversion(Path dir, String graql) {
        this.dir = dir;
        this.graql = graql;
    }

    Conversion progress(ProgressListener progress) {
        this.progress = progress;
        return this;
    }

    Conversion options(Typedb3Converter.Options options) {
        this.options = options;
        return this;
    }

    Conversion attribute(String id, String label, Object value, String... owned) {
        ValueObject.Builder v = ValueObject.newBuilder();
        if (value instanceof String s) v.setString(s);
        else if (value instanceof Long l) v.setLong(l);
        else if (value instanceof Integer i) v.setLong(i);
        else if (value instanceof Double d) v.setDouble(d);
        else if (value instanceof Boolean b) v.setBoolean(b);
        else if (value instanceof java.util.Date d) v.setDatetime(d.getTime());
        Item.Attribute.Builder a = Item.Attribute.newBuilder().setId(id).setLabel(label).setValue(v);
        for (String o : owned) a.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        items.add(Item.newBuilder().setAttribute(a).build());
        return this;
    }

    Conversion entity(String id, String label, String... owned) {
        Item.Entity.Builder e = Item.Entity.newBuilder().setId(id).setLabel(label);
        for (String o : owned) e.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        items.add(Item.newBuilder().setEntity(e).build());
        return this;
    }

    /** roles: role label -> player ids. */
    Conversion relation(String id, String label, Map<String, List<String>> roles, String... owned) {
        Item.Relation.Builder r = Item.Relation.newBuilder().setId(id).setLabel(label);
        for (String o : owned) r.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        roles.forEach((role, players) -> {
            Item.Relation.Role.Builder rb = Item.Relation.Role.newBuilder().setLabel(role);
            for (String p : players) rb.addPlayer(Item.Relation.Role.Player.newBuilder().setId(p));
            r.addRole(rb);
        });
        items.add(Item.newBuilder().setRelation(r).build());
        return this;
    }

    Conversion run() throws Exception {
        Schema schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("schema.gql", graql)), w -> { });
        Path input = dir.resolve("input.grakn");
        try (ItemWriter w = ItemWriter.create(input)) {
            w.header("1.8.4", "test");
            for (Item i : items) w.write(i);
            w.finish();
        }
        result = new Typedb3Converter(schema, options, progress).convert(input, dir.resolve("out"));
        schemaText = Files.readString(result.schemaFile());
        output = new ArrayList<>();
        try (ItemReader r = ItemReader.open(result.dataFile())) {
            while (r.hasNext()) output.add(r.next());
        }
        return this;
    }

    ConversionCounts counts() { return result.report().counts(); }

    /** Runs the conversion expecting it to refuse the drops; returns the refusal. */
    DropsRefusedException refused() throws Exception {
        try {
            run();
        } catch (DropsRefusedException e) {
            return e;
        }
        throw new AssertionError("the conversion did not refuse its drops");
    }

    Item.Relation relation(String id) {
        for (Item i : output) if (i.hasRelation() && i.getRelation().getId().equals(id)) return i.getRelation();
        throw new AssertionError("no relation " + id);
    }

    Item.Entity entity(String id) {
        for (Item i : output) if (i.hasEntity() && i.getEntity().getId().equals(id)) return i.getEntity();
        throw new AssertionError("no entity " + id);
    }

    Item.Attribute attribute(String id) {
        for (Item i : output) if (i.hasAttribute() && i.getAttribute().getId().equals(id)) return i.getAttribute();
        throw new AssertionError("no attribute " + id);
    }

    static List<String> ids(List<Item.OwnedAttribute> owned) {
        return owned.stream().map(Item.OwnedAttribute::getId).toList();
    }

    String decisions() { return String.join("\n", result.report().decisions().stream().map(Decision::text).toList()); }

    String decisionsText() { return decisions(); }

    String losses() {
        return String.join("\n", result.report().losses().stream().map(l -> l.text() + " " + l.examples()).toList());
    }
}
