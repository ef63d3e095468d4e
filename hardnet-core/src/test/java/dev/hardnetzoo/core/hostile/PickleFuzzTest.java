package dev.hardnetzoo.core.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the unpickler: the input becomes {@code data.pkl} of a
 * well-formed zip checkpoint (whose storage {@code "0"} holds 16 floats), so every mutation
 * reaches {@code SafeUnpickler} and the tensor checks behind it instead of the zip reader.
 */
class PickleFuzzTest {
    private static final Map<String, byte[]> STORAGES = Map.of("0", TorchFiles.floats(16, 1f));

    @FuzzTest(maxDuration = "15s")
    void fuzz(byte[] pickle) throws Exception {
        FuzzInputs.parse(Parsers.Kind.CHECKPOINT, "pickle.pth", TorchFiles.zip(pickle, STORAGES));
    }
}
