package io.quartermaster.cli;

/**
 * The exit statuses of client commands, one per class of failure, so that scripts can tell them
 * apart (documented in the README's "Exit statuses of the client").
 */
public final class ExitCodes {

  public static final int OK = 0;

  /** The order that {@code watch} or {@code --wait} followed ended {@code failed}. */
  public static final int ORDER_FAILED = 1;

  /** The command line was wrong, or the service refused the input as a bad request (400). */
  public static final int USAGE = 2;

  /** Not logged in, the token expired or was refused, or the role is too low (401, 403, 429). */
  public static final int AUTH = 3;

  /** The service has no such pool, order, user, project or key (404). */
  public static final int NOT_FOUND = 4;

  /**
   * The service refused because of the resource's state (409): an order in progress, a name taken.
   */
  public static final int CONFLICT = 5;

  /** The service failed (5xx), answered something unexpected, or could not be reached. */
  public static final int SERVER = 6;

  /** {@code watch} or {@code --wait} gave up after {@code --timeout}; the order goes on. */
  public static final int TIMEOUT = 7;

  /** A fault of the client itself; the message says what, and the report should include it. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
