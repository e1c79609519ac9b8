package io.quartermaster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quartermaster.order.ItemAction;
import io.quartermaster.order.ItemStatus;
import io.quartermaster.order.OrderItemRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link OrderRunner} splits an order's items into stages that run one after another. */
class ItemStagesTest {

  @Test
  void anApplyCreatesThePoolAloneThenAllItsNodesTogether() {
    List<OrderItemRow> items =
        List.of(
            item(0, ItemAction.CREATE_POOL),
            item(1, ItemAction.CREATE_NODE),
            item(2, ItemAction.CREATE_NODE),
            item(3, ItemAction.CREATE_NODE));
    assertEquals(List.of(List.of(0), List.of(1, 2, 3)), seqs(OrderRunner.stages(items)));
  }

  @Test
  void aDeleteRemovesAllNodesTogetherThenThePoolAlone() {
    List<OrderItemRow> items =
        List.of(
            item(0, ItemAction.DELETE_NODE),
            item(1, ItemAction.DELETE_NODE),
            item(2, ItemAction.DELETE_POOL));
    assertEquals(List.of(List.of(0, 1), List.of(2)), seqs(OrderRunner.stages(items)));
  }

  @Test
  void aModifyIsOneStageOfNodes() {
    List<OrderItemRow> items =
        List.of(item(0, ItemAction.CREATE_NODE), item(1, ItemAction.DELETE_NODE));
    assertEquals(List.of(List.of(0, 1)), seqs(OrderRunner.stages(items)));
  }

  private static List<List<Integer>> seqs(List<List<OrderItemRow>> stages) {
    return stages.stream().map(s -> s.stream().map(OrderItemRow::seq).toList()).toList();
  }

  private static OrderItemRow item(int seq, ItemAction action) {
    return new OrderItemRow(
        seq, action, "r" + seq, Optional.empty(), Optional.empty(), ItemStatus.PLANNED);
  }
}
