package io.quartermaster.cli.order;

/** Shows a followed order as it changes: in place on a terminal, as lines elsewhere. */
interface ProgressView extends AutoCloseable {

  void show(OrderState state);

  /** Leaves the output where the next line can follow. */
  @Override
  void close();

  /** The part of the bar that is done, 0 to 1; all of it once the order succeeded. */
  static double done(OrderState state) {
    if (state.succeeded()) {
      return 1;
    }
    return state.total() == 0 ? 0 : (double) state.settled() / state.total();
  }

  static String fraction(OrderState state) {
    int settled = state.succeeded() ? state.total() : state.settled();
    return settled + "/" + state.total();
  }
}
