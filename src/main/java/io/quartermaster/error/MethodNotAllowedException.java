package io.quartermaster.error;

import java.util.List;

/**
 * 405: the path exists, but not with this method. The methods it does take go into the {@code
 * Allow} header; the code is the contract's bad-request one, since a vendor client knows no other.
 */
public final class MethodNotAllowedException extends ServiceException {

  private final List<String> allowed;

  public MethodNotAllowedException(String method, List<String> allowed) {
    super(
        BadRequestException.BAD_REQUEST,
        "Bad request: method "
            + method
            + " is not allowed on this path; it takes "
            + String.join(", ", allowed));
    this.allowed = List.copyOf(allowed);
  }

  /** The methods the path takes, for the {@code Allow} header. */
  public List<String> allowed() {
    return allowed;
  }

  @Override
  public int status() {
    return 405;
  }
}
