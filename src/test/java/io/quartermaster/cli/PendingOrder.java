package io.quartermaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.Pools;
import io.quartermaster.testing.QmCli;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pool created with {@code qm pools create} billed yearly, whose apply order waits for payment: a
 * client can be seen following it before it runs, and {@code qm pay} starts it.
 */
record PendingOrder(String pool, String order) {

  private static final Pattern ORDER = Pattern.compile("order (order\\.\\S+)");

  static PendingOrder place(QmCli qm) {
    String pool = Pools.uniqueName();
    QmCli.Run create =
        qm.run(
            "pools",
            "create",
            pool,
            "--flavor",
            Pools.CPU,
            "--count",
            "2",
            "--billing",
            "yearly",
            "--period",
            "1m");
    assertEquals(0, create.exit(), create.toString());
    Matcher order = ORDER.matcher(create.out());
    assertTrue(order.find(), create.out());
    return new PendingOrder(pool, order.group(1));
  }
}
