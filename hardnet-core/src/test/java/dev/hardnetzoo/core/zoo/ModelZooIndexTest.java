package dev.hardnetzoo.core.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelZooIndexTest {
    private static final ModelSpec HARDNET39DS = ModelZoo.get("hardnet39ds");

    /** A user's provider, or a built-in one, offering the given specs. */
    private record Provider(List<ModelSpec> models, boolean builtIn) implements ModelProvider {}

    private static final class Mine implements ModelProvider {
        @Override public List<ModelSpec> models() { return List.of(HARDNET39DS); }
    }

    @Test
    void anIdTakenTwiceNamesBothProvidersBuiltInFirst() {
        assertThatThrownBy(() -> ModelZoo.index(List.of(new Mine(), new Provider(List.of(HARDNET39DS), true))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model id 'hardnet39ds' registered twice (by " + Provider.class.getName() + " and " + Mine.class.getName() + ")");
        assertThatThrownBy(() -> ModelZoo.index(List.of(new Provider(List.of(HARDNET39DS, HARDNET39DS), false))))
                .hasMessage("model id 'hardnet39ds' registered twice (by " + Provider.class.getName() + " itself)");
    }

    @Test
    void distinctIdsAreIndexed() {
        ModelSpec hardnet68 = ModelZoo.get("hardnet68");
        assertThat(ModelZoo.index(List.of(new Mine(), new Provider(List.of(hardnet68), true))))
                .containsOnlyKeys("hardnet68", "hardnet39ds");
    }
}
