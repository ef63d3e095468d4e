package dev.hardnetzoo.hrnetbaseline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an {@link HrnetConfig} from YAML in the layout of HRNet/HRNet-Semantic-Segmentation's
 * experiment files, so those files load as they are:
 * <pre>
 * DATASET: {NUM_CLASSES: 19}          # optional, 19 by default
 * MODEL:
 *   EXTRA:
 *     FINAL_CONV_KERNEL: 1            # optional, 1 by default
 *     STAGE1: {NUM_MODULES: 1, NUM_BRANCHES: 1, BLOCK: BOTTLENECK, NUM_BLOCKS: [4], NUM_CHANNELS: [64]}
 *     STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [4, 4],
 *              NUM_CHANNELS: [48, 96], FUSE_METHOD: SUM}
 *     ...                             # STAGE3 and STAGE4 alike
 * </pre>
 * Other top-level keys (TRAIN, TEST, ...) are ignored. Inside a stage every key is checked, so a
 * misspelt one is an error, except {@code NUM_RANCHES}: the official files' own misspelling in
 * STAGE1, which the official code never reads. Errors name the source and the field.
 */
public final class HrnetConfigReader {
    // A key given twice is an error, not "the last one wins".
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String RESOURCES = "/dev/hardnetzoo/hrnetbaseline/configs/";
    private static final Set<String> STAGE_KEYS = Set.of("NUM_MODULES", "NUM_BRANCHES", "BLOCK", "NUM_BLOCKS",
            "NUM_CHANNELS", "FUSE_METHOD", "NUM_RANCHES");
    private static final int DEFAULT_CLASSES = 19;
    /*
     * Bounds far above every official configuration (at most 4 modules, 4 branches, 4 blocks,
     * 384 channels), so that a hostile file cannot make the builder create billions of layers.
     */
    private static final int MAX_MODULES = 16;
    private static final int MAX_BRANCHES = 8;
    private static final int MAX_BLOCKS = 64;
    private static final int MAX_CHANNELS = 4096;
    private static final int MAX_CLASSES = 100_000;
    /** The YAML scanner's time grows quadratically with a long scalar (4 MB: a minute); official files are ~1 KB. */
    private static final int MAX_BYTES = 64 << 10;

    private HrnetConfigReader() {}

    public static HrnetConfig read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such HRNet configuration file");
        }
    }

    /** A configuration shipped under {@code dev/hardnetzoo/hrnetbaseline/configs/<id>.yaml}. */
    public static HrnetConfig resource(String id) {
        String path = RESOURCES + id + ".yaml";
        try (InputStream in = HrnetConfigReader.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no HRNet configuration " + path + " on the class path");
            return read(in, id + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** Parses YAML from {@code in}; {@code source} names it in error messages. */
    public static HrnetConfig read(InputStream in, String source) throws IOException {
        byte[] yaml = in.readNBytes(MAX_BYTES + 1);
        if (yaml.length > MAX_BYTES) {
            throw new IllegalArgumentException(source + ": larger than " + MAX_BYTES + " bytes; HRNet configurations take a few KB");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IndexOutOfBoundsException e) {
            // SnakeYAML's reader overruns its buffer on some malformed input (found by fuzzing).
            throw new IllegalArgumentException(source + ": not valid YAML (the parser failed: " + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected a YAML mapping at the top");
        Fields f = new Fields(source);
        JsonNode extra = f.object(f.object(root, "", "MODEL"), "MODEL", "EXTRA");
        rejectExtraStages(f, extra);
        List<StageConfig> stages = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            stages.add(stage(f, f.object(extra, "MODEL.EXTRA", "STAGE" + s), "MODEL.EXTRA.STAGE" + s, s == 1));
        }
        for (int s = 1; s < 4; s++) {
            if (stages.get(s).numBranches() < stages.get(s - 1).numBranches()) {
                throw new IllegalArgumentException(source + ": MODEL.EXTRA.STAGE" + (s + 1) + ".NUM_BRANCHES ("
                        + stages.get(s).numBranches() + ") must not be less than STAGE" + s + "'s ("
                        + stages.get(s - 1).numBranches() + ")");
            }
        }
        int kernel = extra.has("FINAL_CONV_KERNEL") ? f.positive(extra.get("FINAL_CONV_KERNEL"), "MODEL.EXTRA.FINAL_CONV_KERNEL") : 1;
        if (kernel != 1 && kernel != 3) {
            throw new IllegalArgumentException(source + ": MODEL.EXTRA.FINAL_CONV_KERNEL must be 1 or 3, got " + kernel);
        }
        JsonNode dataset = root.get("DATASET");
        int classes = dataset != null && dataset.has("NUM_CLASSES")
                ? f.bounded(dataset.get("NUM_CLASSES"), "DATASET.NUM_CLASSES", MAX_CLASSES) : DEFAULT_CLASSES;
        return new HrnetConfig(source, stages, kernel, classes);
    }

    private static StageConfig stage(Fields f, JsonNode node, String path, boolean first) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!STAGE_KEYS.contains(key)) {
                throw f.error(path + "." + key, "is not a stage field (expected one of NUM_MODULES, NUM_BRANCHES, BLOCK, "
                        + "NUM_BLOCKS, NUM_CHANNELS, FUSE_METHOD)");
            }
        }
        int modules = f.bounded(f.required(node, path, "NUM_MODULES"), path + ".NUM_MODULES", MAX_MODULES);
        // The official STAGE1 spells NUM_BRANCHES as NUM_RANCHES and never reads it: one branch, one module.
        int branches = node.has("NUM_BRANCHES") || !first
                ? f.bounded(f.required(node, path, "NUM_BRANCHES"), path + ".NUM_BRANCHES", MAX_BRANCHES) : 1;
        if (first && (branches != 1 || modules != 1)) {
            throw f.error(path, "must have NUM_MODULES 1 and NUM_BRANCHES 1 (the stem's layer1), got "
                    + modules + " and " + branches);
        }
        BlockType block = blockType(f, f.required(node, path, "BLOCK"), path + ".BLOCK");
        List<Integer> blocks = f.positiveList(f.required(node, path, "NUM_BLOCKS"), path + ".NUM_BLOCKS", branches, MAX_BLOCKS);
        List<Integer> channels = f.positiveList(f.required(node, path, "NUM_CHANNELS"), path + ".NUM_CHANNELS", branches, MAX_CHANNELS);
        JsonNode fuse = first ? node.get("FUSE_METHOD") : f.required(node, path, "FUSE_METHOD");
        if (fuse != null && !"SUM".equals(fuse.asText())) {
            throw f.error(path + ".FUSE_METHOD", "must be SUM (the only fusion HRNet implements), got '" + fuse.asText() + "'");
        }
        return new StageConfig(modules, block, blocks, channels);
    }

    private static BlockType blockType(Fields f, JsonNode node, String path) {
        String text = node.asText();
        try {
            return BlockType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw f.error(path, "must be BASIC or BOTTLENECK, got '" + text + "'");
        }
    }

    private static void rejectExtraStages(Fields f, JsonNode extra) {
        for (Iterator<String> it = extra.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.matches("STAGE\\d+") && !key.matches("STAGE[1-4]")) {
                throw f.error("MODEL.EXTRA." + key, "HRNet has exactly four stages, STAGE1..STAGE4");
            }
        }
    }

    /** Typed access to YAML fields with errors naming the source and the field's dotted path. */
    private record Fields(String source) {
        IllegalArgumentException error(String path, String problem) {
            return new IllegalArgumentException(source + ": " + path + " " + problem);
        }

        JsonNode required(JsonNode parent, String parentPath, String key) {
            JsonNode v = parent.get(key);
            if (v == null || v.isNull()) throw error(join(parentPath, key), "is missing");
            return v;
        }

        JsonNode object(JsonNode parent, String parentPath, String key) {
            JsonNode v = required(parent, parentPath, key);
            if (!v.isObject()) throw error(join(parentPath, key), "must be a mapping, got " + describe(v));
            return v;
        }

        int positive(JsonNode v, String path) {
            if (!v.canConvertToInt() || !v.isIntegralNumber()) throw error(path, "must be an integer, got " + describe(v));
            if (v.intValue() < 1) throw error(path, "must be at least 1, got " + v.intValue());
            return v.intValue();
        }

        int bounded(JsonNode v, String path, int max) {
            int n = positive(v, path);
            if (n > max) throw error(path, "must be at most " + max + ", got " + n);
            return n;
        }

        List<Integer> positiveList(JsonNode v, String path, int expectedSize, int max) {
            if (!v.isArray()) throw error(path, "must be a list, got " + describe(v));
            if (v.size() != expectedSize) {
                throw error(path, "has " + v.size() + " entries but NUM_BRANCHES is " + expectedSize);
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) out.add(bounded(v.get(i), path + "[" + i + "]", max));
            return out;
        }

        private static String join(String parent, String key) {
            return parent.isEmpty() ? key : parent + "." + key;
        }

        private static String describe(JsonNode v) {
            return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
        }
    }
}
