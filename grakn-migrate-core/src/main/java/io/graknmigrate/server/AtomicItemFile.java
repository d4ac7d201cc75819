package io.graknmigrate.server;

import io.graknmigrate.format.proto.Item;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A {@code .grakn} file being written: items go to a temporary file beside the target, which
 * replaces the target only on {@link #commit()}. Closing without commit deletes it, so a failed or
 * cancelled export never leaves a partial file under the target's name.
 */
final class AtomicItemFile implements ItemSink, AutoCloseable {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    AtomicItemFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    @Override
    public void accept(Item item) throws IOException {
        item.writeDelimitedTo(out);
    }

    void commit() throws IOException {
        out.flush();
        channel.force(true);
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            out.close();
        } catch (IOException ignored) {
            // The temporary file goes away below either way.
        }
        Files.deleteIfExists(temp);
    }
}
