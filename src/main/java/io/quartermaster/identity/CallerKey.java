package io.quartermaster.identity;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who an authorized request counts against, for the limits kept per caller: the access key of a
 * signed request, the user of a request with a token. Only meaningful once {@link AccessControl}
 * has accepted the request, so the signature's access key has been checked. A request that carries
 * an SDK signature is judged by it, token or not, as {@link CallerAccessControl} does.
 */
public final class CallerKey {

  private CallerKey() {}

  /** {@code key:AK} for a signed request, {@code user:ID} for any other. */
  public static String of(ServerRequest request, Caller caller) {
    var authorization = request.headers().first(HeaderNames.AUTHORIZATION);
    if (authorization.isPresent()
        && authorization.get().strip().startsWith(SdkSignature.ALGORITHM + " ")) {
      return "key:" + SdkSignature.parse(authorization.get()).accessKey();
    }
    return "user:" + caller.userId();
  }
}
