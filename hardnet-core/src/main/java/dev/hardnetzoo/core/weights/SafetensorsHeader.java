package dev.hardnetzoo.core.weights;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hardnetzoo.core.tensor.Dtype;
import dev.hardnetzoo.core.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated JSON header of a safetensors file: every tensor's dtype, shape and byte range
 * (relative to the data section), and the {@code __metadata__} strings. Parsing checks
 * everything that could make a later read go wrong, so a header that parses is safe to map.
 */
record SafetensorsHeader(Map<String, Entry> entries, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";

    /** One tensor's description; {@code begin}/{@code end} are byte offsets into the data section. */
    record Entry(String name, Dtype dtype, Shape shape, long begin, long end) {
        long byteLength() { return end - begin; }
    }

    /** Jackson's default silently keeps the last of two equal keys; a duplicate tensor name must fail. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses and validates; {@code source} names the file in messages. */
    static SafetensorsHeader parse(String source, byte[] json, long dataLength) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new WeightsException(source + ": malformed header JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new WeightsException(source + ": unreadable header: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new WeightsException(source + ": header is not a JSON object");
        Map<String, String> metadata = Map.of();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (var field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = metadata(source, field.getValue());
            } else {
                entries.put(field.getKey(), entry(source, field.getKey(), field.getValue(), dataLength));
            }
        }
        checkNoOverlap(source, entries.values());
        return new SafetensorsHeader(Collections.unmodifiableMap(entries), metadata);
    }

    private static Map<String, String> metadata(String source, JsonNode node) {
        if (!node.isObject()) throw new WeightsException(source + ": " + METADATA_KEY + " is not a JSON object");
        Map<String, String> out = new LinkedHashMap<>();
        for (var field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new WeightsException(source + ": " + METADATA_KEY + " value '" + field.getKey() + "' is not a string");
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry entry(String source, String name, JsonNode node, long dataLength) {
        if (!node.isObject()) throw WeightsException.forTensor(source, name, "is not described by a JSON object");
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsetsNode == null) {
            throw WeightsException.forTensor(source, name, "lacks dtype, shape or data_offsets");
        }
        Dtype dtype = Dtype.named(dtypeNode.asText(""))
                .filter(d -> dtypeNode.isTextual())
                .orElseThrow(() -> WeightsException.forTensor(source, name, "has unknown dtype " + dtypeNode));
        int[] dims = dims(source, name, shapeNode);
        long[] offsets = offsets(source, name, offsetsNode);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw WeightsException.forTensor(source, name, "has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLength + " bytes");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(elementCount(dims), dtype.size());
        } catch (ArithmeticException e) {
            throw WeightsException.forTensor(source, name, "has a shape whose size overflows: " + shapeNode);
        }
        if (end - begin != bytes) {
            throw WeightsException.forTensor(source, name, "has " + (end - begin) + " bytes but shape "
                    + shapeNode + " of " + dtype + " needs " + bytes);
        }
        return new Entry(name, dtype, Shape.of(dims), begin, end);
    }

    private static int[] dims(String source, String name, JsonNode shape) {
        if (!shape.isArray()) throw WeightsException.forTensor(source, name, "has a shape that is not an array");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw WeightsException.forTensor(source, name, "has an invalid dimension " + d + " in shape " + shape);
            }
            dims[i] = d.intValue();
        }
        return dims;
    }

    private static long elementCount(int[] dims) {
        long n = 1;
        for (int d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    private static long[] offsets(String source, String name, JsonNode offsets) {
        if (!offsets.isArray() || offsets.size() != 2) {
            throw WeightsException.forTensor(source, name, "has data_offsets that are not [begin, end]: " + offsets);
        }
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = offsets.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw WeightsException.forTensor(source, name, "has an invalid data offset " + o);
            }
            out[i] = o.longValue();
        }
        return out;
    }

    /** Two tensors sharing bytes would alias each other; empty tensors occupy nothing and are skipped. */
    private static void checkNoOverlap(String source, Iterable<Entry> entries) {
        List<Entry> sorted = new ArrayList<>();
        for (Entry e : entries) if (e.byteLength() > 0) sorted.add(e);
        sorted.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            Entry cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw WeightsException.forTensor(source, cur.name(), "has data_offsets [" + cur.begin() + ", " + cur.end()
                        + "] overlapping tensor '" + prev.name() + "' [" + prev.begin() + ", " + prev.end() + "]");
            }
        }
    }
}
