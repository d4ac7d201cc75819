package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonlAndRelabelTest {

    @TempDir
    Path dir;

    static List<Item> readJsonl(Path file) {
        List<Item> out = new ArrayList<>();
        try (JsonlReader r = JsonlReader.open(file)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.jsonl", "x.jsonl.gz", "x.jsonl.zst"})
    void jsonLinesRoundTripIsExact(String name) {
        List<Item> items = new ArrayList<>(randomBackup(5, 300));
        int i = 0;
        for (ValueObject v : extremeValues()) items.add(attribute("V" + i++, "\uD83D\uDE00 label", v));
        items.add(checksums(Long.MAX_VALUE, 0, 1, 2, 3));
        Path file = dir.resolve(name);
        try (JsonlWriter w = JsonlWriter.create(file)) {
            items.forEach(w::write);
            w.complete();
        }
        assertThat(readJsonl(file)).containsExactlyElementsOf(items);
    }

    @Test
    void oneItemALineInTheStandardMapping() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonlWriter w = JsonlWriter.to(out, "<stdout>")) {
            w.write(header("1.8.4", "db"));
            w.write(attribute("V1", "flag", ValueObject.newBuilder().setBoolean(false).build()));
            w.write(attribute("V2", "n", ValueObject.newBuilder().setLong(Long.MIN_VALUE).build()));
            w.complete();
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "{\"header\":{\"graknVersion\":\"1.8.4\",\"originalDatabase\":\"db\"}}",
                "{\"attribute\":{\"id\":\"V1\",\"label\":\"flag\",\"value\":{\"boolean\":false}}}",
                "{\"attribute\":{\"id\":\"V2\",\"label\":\"n\",\"value\":{\"long\":\"-9223372036854775808\"}}}");
    }

    @Test
    void badLinesNameTheLineAndBlankLinesAreSkipped() {
        String text = "{\"header\":{\"graknVersion\":\"1\"}}\n\n{\"entity\":{\"id\":\"E1\",\"future\":1}}\n{\"future\":{}}\n{\"entity\":{\"id\":\"E2\"\n";
        GraknFormatException e = catchThrowableOfType(GraknFormatException.class, () -> {
            try (JsonlReader r = JsonlReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.jsonl")) {
                assertThat(r.next().hasHeader()).isTrue();
                assertThat(r.next().getEntity().getId()).isEqualTo("E1");
                assertThat(r.lineNumber()).isEqualTo(3);
                r.hasNext();
            }
        });
        assertThat(e.getMessage()).startsWith("in.jsonl: line 5 is not a JSON Item").doesNotContain("\n");
    }

    @Test
    void relabelsTypeAndRoleLabelsOnce() {
        Relabel relabel = Relabel.parse(List.of("person=human", "friend=pal", "friendship=bond", "name=person"));
        assertThat(relabel.apply(entity("E1", "person")).getEntity().getLabel()).isEqualTo("human");
        assertThat(relabel.apply(attribute("A1", "name", "x")).getAttribute().getLabel()).isEqualTo("person");
        Item r = relabel.apply(relation("R1", "friendship", "friend:E1", "other:E2"));
        assertThat(r.getRelation().getLabel()).isEqualTo("bond");
        assertThat(r.getRelation().getRole(0).getLabel()).isEqualTo("pal");
        assertThat(r.getRelation().getRole(1).getLabel()).isEqualTo("other");
        assertThat(r.getRelation().getRole(0).getPlayer(0).getId()).isEqualTo("E1");
        Item untouched = entity("E2", "company");
        assertThat(relabel.apply(untouched)).isSameAs(untouched);
        assertThat(relabel.apply(header("1", "person"))).isEqualTo(header("1", "person"));
        // A mapping whose old label never occurs is accepted (Grakn's own test passes value=monetary-value).
        assertThat(Relabel.parse(List.of("value=monetary-value")).apply(untouched)).isSameAs(untouched);
    }

    @ParameterizedTest
    @ValueSource(strings = {"person", "=human", "person=", "a=b=c", "per son=x"})
    void malformedMappingsAreRefusedWithOneLine(String mapping) {
        assertThatThrownBy(() -> Relabel.parse(List.of(mapping))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(mapping).hasMessageNotContaining("\n");
    }

    @Test
    void aLabelMappedTwiceIsRefused() {
        assertThatThrownBy(() -> Relabel.parse(List.of("a=b", "a=c"))).hasMessageContaining("mapped twice");
    }

    @Test
    void summaryJsonHasTheDocumentedShape() {
        Summary s = Summary.of(new ByteArrayInputStream(encode(smallBackup())), "s.grakn", ProgressListener.NONE);
        String json = s.toJson();
        assertThat(json).startsWith("{\"file\":\"s.grakn\",\"bytes\":" + encode(smallBackup()).length + ",\"items\":9,")
                .contains("\"header\":{\"graknVersion\":\"1.8.4\",\"originalDatabase\":\"social\"}")
                .contains("\"counts\":{\"entity\":2,\"attribute\":3,\"relation\":2,\"role\":4,\"ownership\":3}")
                .contains("\"checksumsMatch\":true")
                .contains("\"labels\":[{\"label\":\"age\",\"kind\":\"attribute\",\"count\":1,\"valueTypes\":[\"long\"]},"
                        + "{\"label\":\"name\",\"kind\":\"attribute\",\"count\":2,\"valueTypes\":[\"string\"]},"
                        + "{\"label\":\"person\",\"kind\":\"entity\",\"count\":2},"
                        + "{\"label\":\"employment\",\"kind\":\"relation\",\"count\":1},"
                        + "{\"label\":\"friendship\",\"kind\":\"relation\",\"count\":1}]");
        Summary bare = Summary.of(new ByteArrayInputStream(encode(entity("E1", "x\"y"))), "b", ProgressListener.NONE);
        assertThat(bare.toJson()).contains("\"header\":null").contains("\"checksums\":null").contains("\"checksumsMatch\":null")
                .contains("\"label\":\"x\\\"y\"");
        Summary unicode = Summary.of(new ByteArrayInputStream(encode(entity("E1", "caf\u00e9\uD83D\uDE00"))), "u", ProgressListener.NONE);
        assertThat(unicode.toJson()).contains("\"label\":\"caf\\u00e9\\ud83d\\ude00\"");
    }

    @Test
    void theRealExportSurvivesJsonLinesAndBack() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SIMULATION), "../shared not found: skipping");
        Path jsonl = dir.resolve("sim.jsonl");
        try (ItemReader r = ItemReader.open(SIMULATION); JsonlWriter w = JsonlWriter.create(jsonl)) {
            r.forEachRemaining(w::write);
            w.complete();
        }
        Path back = dir.resolve("back.grakn");
        try (JsonlReader r = JsonlReader.open(jsonl); ItemWriter w = ItemWriter.create(back)) {
            r.forEachRemaining(w::writeAsIs);
            w.complete();
        }
        assertThat(ItemReaderTest.readAll(back)).containsExactlyElementsOf(ItemReaderTest.readAll(SIMULATION));
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(SIMULATION));
    }
}
