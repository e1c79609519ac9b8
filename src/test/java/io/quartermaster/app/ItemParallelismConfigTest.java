package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quartermaster.engine.EngineConfig;
import io.quartermaster.error.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemParallelismConfigTest {

  @Test
  void eightItemsOfAnOrderAndThirtyTwoPerInstanceByDefault() {
    EngineConfig engine = Config.fromEnvironment(Map.of()).engine();
    assertEquals(8, engine.itemParallelism());
    assertEquals(32, engine.maxConcurrentItems());
  }

  @Test
  void readsBothBounds() {
    EngineConfig engine =
        Config.fromEnvironment(
                Map.of("QM_ENGINE_ITEM_PARALLELISM", "3", "QM_ENGINE_MAX_CONCURRENT_ITEMS", "100"))
            .engine();
    assertEquals(3, engine.itemParallelism());
    assertEquals(100, engine.maxConcurrentItems());
  }

  @Test
  void refusesBoundsBelowOneNamingTheVariable() {
    for (String name :
        new String[] {"QM_ENGINE_ITEM_PARALLELISM", "QM_ENGINE_MAX_CONCURRENT_ITEMS"}) {
      InvalidConfigException e =
          assertThrows(
              InvalidConfigException.class, () -> Config.fromEnvironment(Map.of(name, "0")));
      assertEquals(name + " must be at least 1, not 0", e.getMessage());
    }
  }
}
