package io.quartermaster.limit;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.identity.AccessControl;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * The request rate limits of one instance (issue 11 §6). A request counts once, against one bucket:
 *
 * <ul>
 *   <li>a {@code /v1} or {@code /v2} request that {@link AccessControl} accepts counts against its
 *       caller: the user of a token, the access key of a signature;
 *   <li>every other request counts against its client address: requests without credentials, those
 *       whose credentials or permission are refused, logins and the rest of {@code /v3}, {@code
 *       /health}, the documents and the console.
 * </ul>
 *
 * Either bucket, when empty, answers 429 with {@code Retry-After} in the contract's error format.
 * The check is two map lookups and a compare-and-set, in memory: nothing reaches the database.
 */
public final class RateLimits {

  private final Optional<Buckets> callers;
  private final Optional<Buckets> addresses;

  public RateLimits(RateLimitConfig config, Clock clock) {
    this.callers =
        config.perCaller().map(r -> new Buckets(r, config.maxTracked(), clock, "this caller"));
    this.addresses =
        config
            .perAddress()
            .map(r -> new Buckets(r, config.maxTracked(), clock, "this client address"));
  }

  /** The filter that charges the requests that no caller will be found for. */
  public Filter addressFilter() {
    return (chain, req, res) -> {
      if (!awaitsCaller(req)) {
        chargeAddress(req);
      }
      chain.proceed();
    };
  }

  /**
   * {@code access}, charging each request it accepts to its caller and any other to its address.
   */
  public AccessControl around(AccessControl access) {
    return new RateLimitedAccessControl(access, this);
  }

  void chargeCaller(String key) {
    if (callers.isPresent()) {
      callers.get().take(key);
    }
  }

  void chargeAddress(ServerRequest req) {
    if (addresses.isPresent()) {
      addresses.get().take(address(req.remotePeer().address()));
    }
  }

  /** How many callers and addresses have a bucket now; for tests of the memory bound. */
  public long trackedBuckets() {
    return callers.map(Buckets::tracked).orElse(0L) + addresses.map(Buckets::tracked).orElse(0L);
  }

  /**
   * Requests that the access control will charge: those of the ModelArts APIs, whose every route
   * authorizes its caller first, that carry credentials.
   */
  private static boolean awaitsCaller(ServerRequest req) {
    String path = req.path().rawPath();
    return (path.startsWith("/v1/") || path.startsWith("/v2/"))
        && (req.headers().contains(HeaderNames.AUTHORIZATION)
            || req.headers().contains(RateLimitedAccessControl.AUTH_TOKEN));
  }

  private static String address(SocketAddress peer) {
    return peer instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : String.valueOf(peer);
  }
}
