package io.quartermaster.order;

import io.helidon.common.uri.UriQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a pgbench script of exactly the statements the service runs for one ListOrders request
 * (its page and, when the page does not settle it, its count), built by {@link OrderQueryDao}
 * itself, so that the ceiling measured by {@code bench/list-speed.sh} follows the service's SQL.
 * The parameters keep their {@code :name} form, which is pgbench's too; their values are printed as
 * pgbench {@code -D name=value} arguments, one a line, and with {@code -M prepared} pgbench binds
 * them as the JDBC driver does.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:'target/lib/*' \
 *   io.quartermaster.order.ListOrdersPgbench PROJECT_ID 'limit=100' out.sql
 * </pre>
 */
public final class ListOrdersPgbench {

  private ListOrdersPgbench() {}

  public static void main(String[] args) throws IOException {
    String projectId = args[0];
    OrderListQuery query =
        OrderListQuery.parse(UriQuery.create(args[1]), OrderConfig.defaults(), Clock.systemUTC());
    OrderQueryDao dao = new OrderQueryDao();
    List<OrderQueryDao.BoundSql> statements = dao.requestSql(projectId, query);
    StringBuilder script = new StringBuilder();
    Map<String, Object> params = new java.util.TreeMap<>();
    for (OrderQueryDao.BoundSql statement : statements) {
      // pgbench reads one statement per line unless it ends in a semicolon; keep it on one line.
      script.append(statement.sql().strip().replaceAll("\\s+", " ")).append(";\n");
      params.putAll(statement.params());
    }
    Files.writeString(Path.of(args[2]), script);
    List<String> defines = new ArrayList<>();
    params.forEach((name, value) -> defines.add("-D" + name + "=" + text(value)));
    defines.forEach(System.out::println);
  }

  private static String text(Object value) {
    return value instanceof OffsetDateTime time ? time.toInstant().toString() : value.toString();
  }
}
