package io.graknmigrate.server;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.server.proto.MigrateServiceGrpc;
import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wire compatibility with Grakn 1.8.4's migration service, checked WITHOUT this project's generated
 * service code: requests and responses are encoded by hand from the field numbers of the service
 * definition, and calls use only grpc's generic API with the method names {@code migrate.MigrateService/...},
 * as a client or server generated from Grakn's own proto would.
 */
class WireInteropTest {

    static final String SERVICE = "migrate.MigrateService";

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override public InputStream stream(byte[] value) { return new ByteArrayInputStream(value); }
        @Override public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type).setFullMethodName(SERVICE + "/" + name)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    static final MethodDescriptor<byte[], byte[]> EXPORT_FILE = method("exportFile", MethodDescriptor.MethodType.SERVER_STREAMING);
    static final MethodDescriptor<byte[], byte[]> IMPORT_FILE = method("importFile", MethodDescriptor.MethodType.SERVER_STREAMING);
    static final MethodDescriptor<byte[], byte[]> EXPORT_STREAM = method("exportStream", MethodDescriptor.MethodType.SERVER_STREAMING);
    static final MethodDescriptor<byte[], byte[]> EXPORT_SCHEMA = method("exportSchema", MethodDescriptor.MethodType.UNARY);

    @TempDir
    Path tmp;

    final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) c.close();
    }

    // --- hand encoding of the service's messages, from the field numbers in the reference ---

    interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] encode(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ExportFile.Req / ImportFile.Req / ExportStream.Req / ExportSchema.Req: name = 1, path = 2, remap_labels = 3. */
    static byte[] request(String name, String path, Map<String, String> remap) {
        return encode(out -> {
            out.writeString(1, name);
            if (path != null) out.writeString(2, path);
            for (Map.Entry<String, String> e : remap.entrySet()) {
                byte[] entry = encode(o -> {
                    o.writeString(1, e.getKey());
                    o.writeString(2, e.getValue());
                });
                out.writeByteArray(3, entry);
            }
        });
    }

    /** A decoded Job.Res: progress = 1 {total_count = 1, current_progress = 2}, completion = 2 {total_count = 1}. */
    record JobRes(boolean completion, long total, long current) { }

    static JobRes decodeJob(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        JobRes res = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 || field == 2) {
                long[] values = new long[3];
                CodedInputStream sub = CodedInputStream.newInstance(in.readByteArray());
                for (int t; (t = sub.readTag()) != 0; ) values[WireFormat.getTagFieldNumber(t)] = sub.readUInt64();
                res = new JobRes(field == 2, values[1], values[2]);
            } else {
                in.skipField(tag);
            }
        }
        assertThat(res).as("a Job.Res with progress or completion set").isNotNull();
        return res;
    }

    static String decodeString(byte[] bytes, int field) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String value = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == field) value = in.readString();
            else in.skipField(tag);
        }
        return value;
    }

    @Test
    void theGeneratedServiceUsesGrakns(){
        assertThat(MigrateServiceGrpc.getExportFileMethod().getFullMethodName()).isEqualTo(EXPORT_FILE.getFullMethodName());
        assertThat(MigrateServiceGrpc.getImportFileMethod().getFullMethodName()).isEqualTo(IMPORT_FILE.getFullMethodName());
        assertThat(MigrateServiceGrpc.getExportStreamMethod().getFullMethodName()).isEqualTo(EXPORT_STREAM.getFullMethodName());
        assertThat(MigrateServiceGrpc.getExportSchemaMethod().getFullMethodName()).isEqualTo(EXPORT_SCHEMA.getFullMethodName());
        assertThat(MigrateServiceGrpc.getExportFileMethod().getType()).isEqualTo(MethodDescriptor.MethodType.SERVER_STREAMING);
        assertThat(MigrateServiceGrpc.getExportSchemaMethod().getType()).isEqualTo(MethodDescriptor.MethodType.UNARY);
    }

    @Test
    void aGenericClientDrivesOurServer() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Keyspaces keyspaces = Keyspaces.open(data);
        keyspaces.create("people", TestData.SCHEMA, List.of());
        GatedBackend backend = new GatedBackend(keyspaces.backend());
        backend.pauseMillis = 600;
        MigrateServer server = MigrateServer.builder(backend, data).port(0).progressInterval(Duration.ofMillis(100)).start();
        cleanup.add(server);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        cleanup.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));

        // importFile with remap: progress messages, then exactly one completion, last
        List<Item> humans = TestData.people(5000, "human");
        Path file = TestData.file(data.resolve("humans.grakn"), humans);
        List<JobRes> job = new ArrayList<>();
        Iterator<byte[]> responses = ClientCalls.blockingServerStreamingCall(channel, IMPORT_FILE, CallOptions.DEFAULT,
                request("people", file.toString(), Map.of("human", "person")));
        while (responses.hasNext()) job.add(decodeJob(responses.next()));
        assertThat(job).hasSizeGreaterThan(1);
        assertThat(job.subList(0, job.size() - 1)).allSatisfy(r -> assertThat(r.completion()).isFalse());
        assertThat(job.get(job.size() - 1)).isEqualTo(new JobRes(true, humans.size(), 0));
        assertThat(job.stream().filter(r -> !r.completion()).mapToLong(JobRes::current).max().orElseThrow()).isPositive();

        // exportSchema: ExportSchema.Res.schema = 1
        String schema = decodeString(ClientCalls.blockingUnaryCall(channel, EXPORT_SCHEMA, CallOptions.DEFAULT,
                request("people", null, Map.of())), 1);
        assertThat(schema).startsWith("define").contains("person sub entity");

        // exportStream: data.Item messages, header first, checksums last
        List<Item> items = new ArrayList<>();
        Iterator<byte[]> stream = ClientCalls.blockingServerStreamingCall(channel, EXPORT_STREAM, CallOptions.DEFAULT,
                request("people", null, Map.of()));
        while (stream.hasNext()) items.add(Item.parseFrom(stream.next()));
        assertThat(items.get(0).hasHeader()).isTrue();
        assertThat(items.get(items.size() - 1).hasChecksums()).isTrue();
        assertThat(items.get(items.size() - 1).getChecksums().getEntityCount()).isEqualTo(5000);
        assertThat(items).filteredOn(Item::hasEntity).allSatisfy(i -> assertThat(i.getEntity().getLabel()).isEqualTo("person"));

        // exportFile: the server writes the file itself, then completes
        Path out = data.resolve("out.grakn");
        List<JobRes> exportJob = new ArrayList<>();
        Iterator<byte[]> exported = ClientCalls.blockingServerStreamingCall(channel, EXPORT_FILE, CallOptions.DEFAULT,
                request("people", out.toString(), Map.of()));
        while (exported.hasNext()) exportJob.add(decodeJob(exported.next()));
        assertThat(exportJob.get(exportJob.size() - 1)).isEqualTo(new JobRes(true, humans.size(), 0));
        assertThat(MigrateServerTest.read(out)).hasSize(items.size());
    }

    @Test
    void ourClientDrivesAGenericServer() throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
                .addMethod(EXPORT_SCHEMA, ServerCalls.asyncUnaryCall((req, obs) -> {
                    seen.put("exportSchema", uncheck(() -> decodeString(req, 1)));
                    obs.onNext(encode(o -> o.writeString(1, "define\n\nperson sub entity;\n")));
                    obs.onCompleted();
                }))
                .addMethod(IMPORT_FILE, ServerCalls.asyncServerStreamingCall((req, obs) -> {
                    seen.put("importFile", uncheck(() -> decodeImport(req)));
                    obs.onNext(encode(o -> o.writeByteArray(1, encode(p -> { p.writeUInt64(1, 10); p.writeUInt64(2, 5); }))));
                    obs.onNext(encode(o -> o.writeByteArray(2, encode(c -> c.writeUInt64(1, 10)))));
                    obs.onCompleted();
                }))
                .addMethod(EXPORT_FILE, ServerCalls.asyncServerStreamingCall((req, obs) -> {
                    seen.put("exportFile", uncheck(() -> decodeString(req, 2)));
                    obs.onNext(encode(o -> o.writeByteArray(2, encode(c -> c.writeUInt64(1, 7)))));
                    obs.onCompleted();
                }))
                .addMethod(EXPORT_STREAM, ServerCalls.asyncServerStreamingCall((req, obs) -> {
                    seen.put("exportStream", uncheck(() -> decodeString(req, 1)));
                    List<Item> things = TestData.people(3, "person");
                    ChecksumTally tally = new ChecksumTally();
                    obs.onNext(Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion("1.8.4").setOriginalDatabase("people")).build().toByteArray());
                    for (Item i : things) {
                        tally.add(i);
                        obs.onNext(i.toByteArray());
                    }
                    obs.onNext(Item.newBuilder().setChecksums(tally.counted()).build().toByteArray());
                    obs.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).addService(service).build().start();
        cleanup.add(() -> server.shutdownNow().awaitTermination());

        try (MigrateClient client = MigrateClient.connect(new ServerAddress("127.0.0.1", server.getPort()),
                MigrateClient.Options.plaintext())) {
            assertThat(client.schema("people")).isEqualTo("define\n\nperson sub entity;\n");
            MigrateServerTest.RecordingProgress progress = new MigrateServerTest.RecordingProgress();
            assertThat(client.importFile("people", "/srv/backup.grakn", Map.of("human", "person"), progress)).isEqualTo(10);
            assertThat(progress.starts).containsExactly(10L);
            assertThat(progress.updates).containsExactly(5L);
            assertThat(client.exportFile("people", "/srv/out.grakn", ProgressListener.NONE)).isEqualTo(7);
            ChecksumTally tally = client.exportStream("people", i -> { }, ProgressListener.NONE);
            assertThat(tally.things()).isEqualTo(TestData.people(3, "person").size());
        }
        assertThat(seen).containsEntry("exportSchema", "people")
                .containsEntry("importFile", "people|/srv/backup.grakn|{human=person}")
                .containsEntry("exportFile", "/srv/out.grakn")
                .containsEntry("exportStream", "people");
    }

    static String decodeImport(byte[] req) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(req);
        String name = null, path = null;
        Map<String, String> remap = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> path = in.readString();
                case 3 -> {
                    CodedInputStream entry = CodedInputStream.newInstance(in.readByteArray());
                    String k = null, v = null;
                    for (int t; (t = entry.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 1) k = entry.readString();
                        else v = entry.readString();
                    }
                    remap.put(k, v);
                }
                default -> in.skipField(tag);
            }
        }
        return name + "|" + path + "|" + remap;
    }

    interface Io<T> {
        T get() throws IOException;
    }

    static <T> T uncheck(Io<T> io) {
        try {
            return io.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
