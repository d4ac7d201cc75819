package io.graknmigrate.benchmarks;

import io.graknmigrate.format.proto.Item;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@code .grakn} file the way Grakn 1.8 reads a backup ({@code Item.parseDelimitedFrom} on an
 * 8 KiB {@code BufferedInputStream}, item by item) and prints how many items it read: the baseline
 * process {@link ScaleBenchmark} times beside {@code verify}.
 */
public final class GraknStyleRead {

    private GraknStyleRead() {
    }

    /** {@code java -cp benchmarks.jar io.graknmigrate.benchmarks.GraknStyleRead FILE.grakn} */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.GraknStyleRead FILE.grakn");
            System.exit(2);
            return;
        }
        long items = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 8192)) {
            while (Item.parseDelimitedFrom(in) != null) items++;
        } catch (IOException e) {
            System.err.println("error: cannot read " + args[0] + ": " + e.getMessage() + ", check the file");
            System.exit(1);
            return;
        }
        System.out.println(items + " items");
    }
}
