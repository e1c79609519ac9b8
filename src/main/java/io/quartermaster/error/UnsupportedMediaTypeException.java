package io.quartermaster.error;

import java.util.List;

/**
 * 415: a request body in a format the API does not read (JSON in only). The code is the contract's
 * bad-request one, since a vendor client knows no other.
 */
public final class UnsupportedMediaTypeException extends ServiceException {

  public UnsupportedMediaTypeException(String sent, List<String> accepted) {
    super(
        BadRequestException.BAD_REQUEST,
        "Bad request: Content-Type must be " + String.join(" or ", accepted) + ", not " + sent);
  }

  @Override
  public int status() {
    return 415;
  }
}
