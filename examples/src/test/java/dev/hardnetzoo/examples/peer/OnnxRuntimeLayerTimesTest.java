package dev.hardnetzoo.examples.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hardnetzoo.examples.peer.OnnxRuntimeLayerTimes.NodeTime;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading ONNX Runtime's trace events: only the counted runs count, each node averaged over them. */
class OnnxRuntimeLayerTimesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nodeTimesAreMeansOverTheCountedRunsOnly() throws Exception {
        // Three runs of two nodes; the first run (a warm-up) is slow and must not count.
        JsonNode events = JSON.readTree("""
                [{"cat":"Session","name":"model_run","ts":0,"dur":900},
                 {"cat":"Node","name":"conv_kernel_time","ts":10,"dur":800,"args":{"op_name":"FusedConv",
                   "input_type_shape":[{"float":[1,8,4,4]},{"float":[16,8,1,1]}],"output_type_shape":[{"float":[1,16,4,4]}]}},
                 {"cat":"Node","name":"conv_fence_before","ts":10,"dur":0},
                 {"cat":"Session","name":"model_run","ts":1000,"dur":300},
                 {"cat":"Node","name":"conv_kernel_time","ts":1010,"dur":200,"args":{"op_name":"FusedConv"}},
                 {"cat":"Node","name":"cat_kernel_time","ts":1210,"dur":40,"args":{"op_name":"Concat"}},
                 {"cat":"Session","name":"model_run","ts":2000,"dur":300},
                 {"cat":"Node","name":"conv_kernel_time","ts":2010,"dur":100,"args":{"op_name":"FusedConv"}},
                 {"cat":"Node","name":"cat_kernel_time","ts":2110,"dur":60,"args":{"op_name":"Concat"}}]
                """);
        BitSet lastTwo = new BitSet();
        lastTwo.set(1, 3);
        List<NodeTime> nodes = OnnxRuntimeLayerTimes.parse(events, lastTwo);
        assertThat(nodes).extracting(NodeTime::op).containsExactly("FusedConv", "Concat");
        assertThat(nodes.get(0).meanMs()).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(nodes.get(1).meanMs()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        BitSet first = new BitSet();
        first.set(0);
        assertThat(OnnxRuntimeLayerTimes.parse(events, first)).singleElement()
                .satisfies(n -> assertThat(n.meanMs()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12)));
        BitSet beyond = new BitSet();
        beyond.set(3);
        assertThatThrownBy(() -> OnnxRuntimeLayerTimes.parse(events, beyond)).hasMessageContaining("has 3 runs, expected 4");
    }
}
