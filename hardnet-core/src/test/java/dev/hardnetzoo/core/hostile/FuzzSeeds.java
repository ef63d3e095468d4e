package dev.hardnetzoo.core.hostile;

import dev.hardnetzoo.core.tensor.Npy;
import dev.hardnetzoo.core.tensor.Shape;
import dev.hardnetzoo.core.tensor.Tensor;
import dev.hardnetzoo.core.weights.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the fuzzers' seed corpora (src/test/resources/dev/hardnetzoo/core/hostile/*FuzzTestInputs/fuzz):
 * one small valid file per format, so mutations start from something that parses, plus the
 * small files of the hostile corpus. Regenerate with
 * {@code java -cp <test classpath> dev.hardnetzoo.core.hostile.FuzzSeeds hardnet-core/src/test/resources}.
 */
public final class FuzzSeeds {
    /** Larger hostile files (the bombs, the 100k-deep pickle) stay out of the seeds: they are tested directly. */
    private static final int MAX_SEED_BYTES = 8 << 10;

    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args[0]).resolve("dev/hardnetzoo/core/hostile");
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String target : new String[] {"Safetensors", "Npy", "Images", "Checkpoint", "Pickle"}) {
            dirs.put(target, Files.createDirectories(resources.resolve(target + "FuzzTestInputs/fuzz")));
        }
        Tensor small = new Tensor(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, Float.NaN});
        Safetensors.write(dirs.get("Safetensors").resolve("valid.safetensors"), Map.of("w", small), Map.of("model", "x"));
        Npy.write(dirs.get("Npy").resolve("valid.npy"), small);
        Files.write(dirs.get("Images").resolve("valid-1x1.png"), HostileFiles.onePixelPng());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("conv.weight", new long[] {2, 2});
        shapes.put("conv.bias", new long[] {2});
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", TorchFiles.floats(4, 0.5f));
        storages.put("1", TorchFiles.floats(2, -1f));
        Files.write(dirs.get("Checkpoint").resolve("valid.zip.pth"), TorchFiles.zip(TorchFiles.stateDict(false, shapes), storages));
        Files.write(dirs.get("Checkpoint").resolve("valid.legacy.pth"),
                TorchFiles.legacy(TorchFiles.stateDict(true, shapes), storages, Map.of("0", 4L, "1", 2L)));
        Files.write(dirs.get("Pickle").resolve("valid.pkl"), new PickleBuilder().proto(2).emptyDict()
                .tensorEntry("w", "FloatStorage", "0", 16, false, 0, new long[] {4, 4}, new long[] {4, 1}).stop().bytes());
        for (HostileFile f : HostileFiles.all()) {
            byte[] bytes = f.content().bytes();
            if (bytes.length > MAX_SEED_BYTES) continue;
            String target = switch (f.kind()) {
                case SAFETENSORS -> "Safetensors";
                case NPY -> "Npy";
                case IMAGE -> "Images";
                case CHECKPOINT -> "Checkpoint";
            };
            Files.write(dirs.get(target).resolve(f.name()), bytes);
        }
    }
}
