package io.quartermaster.identity;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.quartermaster.error.ForbiddenException;
import io.quartermaster.error.UnauthorizedException;
import io.quartermaster.http.HttpExchange;
import io.quartermaster.signing.CanonicalRequest;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Access by AK/SK signature ({@code Authorization: SDK-HMAC-SHA256 ...}). The project is the
 * path's; the key's user and that user's role in the project are read from the database on every
 * request, so that disabling a user, deactivating a key or changing a role takes effect at once.
 */
final class SignatureAccessControl implements AccessControl {

  static final HeaderName SDK_DATE = HeaderNames.create("X-Sdk-Date");
  static final HeaderName PROJECT_ID = HeaderNames.create("X-Project-Id");
  static final HeaderName CONTENT_SHA256 = HeaderNames.create("X-Sdk-Content-Sha256");
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Z0-9]{20}");
  private static final System.Logger LOG = System.getLogger(SignatureAccessControl.class.getName());

  private final Jdbi jdbi;
  private final Optional<ServerKey> serverKey;
  private final Clock clock;

  SignatureAccessControl(Jdbi jdbi, Optional<ServerKey> serverKey, Clock clock) {
    this.jdbi = jdbi;
    this.serverKey = serverKey;
    this.clock = clock;
  }

  @Override
  public Caller authorize(
      ServerRequest request, String projectId, Role required, String operation) {
    AccessKeyDao.SigningKey key = authenticate(request, projectId);
    Optional<String> headerProject = request.headers().first(PROJECT_ID);
    if (headerProject.isPresent() && !headerProject.get().equals(projectId)) {
      throw ForbiddenException.projectMismatch();
    }
    Role role = key.globalAdmin() ? Role.ADMIN : key.roleInProject().orElse(null);
    if (role == null) {
      // A key is not bound to a project; a project its user has no role in is out of its scope.
      throw ForbiddenException.projectMismatch();
    }
    if (!role.includes(required)) {
      throw ForbiddenException.notAuthorized(operation);
    }
    return new Caller(key.userId(), key.userName(), projectId, role);
  }

  /** Checks the signature and the key; every failure is a 401 whose message says which. */
  private AccessKeyDao.SigningKey authenticate(ServerRequest request, String projectId) {
    if (serverKey.isEmpty()) {
      throw new UnauthorizedException("access keys are switched off on this server");
    }
    String authorization = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
    SdkSignature signature = SdkSignature.parse(authorization);
    String sdkDate = checkDate(request);
    if (!ACCESS_KEY.matcher(signature.accessKey()).matches()) {
      throw invalidKey();
    }
    AccessKeyDao.SigningKey key =
        jdbi.withHandle(h -> new AccessKeyDao(h).findForRequest(signature.accessKey(), projectId))
            .orElseThrow(SignatureAccessControl::invalidKey);
    String secret = open(key);
    String expected =
        canonicalRequest(request, signature.signedHeaders()).signature(secret, sdkDate);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw new UnauthorizedException("signature mismatch");
    }
    // Checked after the signature, so that only the key's holder learns that it is inactive.
    if (!key.active() || !key.userEnabled()) {
      throw invalidKey();
    }
    return key;
  }

  private String checkDate(ServerRequest request) {
    String sdkDate =
        request
            .headers()
            .first(SDK_DATE)
            .orElseThrow(() -> new UnauthorizedException("X-Sdk-Date is missing"));
    Instant signedAt;
    try {
      signedAt =
          LocalDateTime.parse(sdkDate, CanonicalRequest.SDK_DATE_FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new UnauthorizedException("X-Sdk-Date must be UTC time as yyyyMMdd'T'HHmmss'Z'");
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new UnauthorizedException(
          "X-Sdk-Date is more than 15 minutes away from the server's time");
    }
    return sdkDate;
  }

  private String open(AccessKeyDao.SigningKey key) {
    ServerKey current = serverKey.orElseThrow();
    Optional<String> secret = Optional.empty();
    if (key.serverKeyId().equals(current.id())) {
      secret = current.open(key.sealedSecret(), key.accessKey());
    }
    if (secret.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "access key "
              + key.accessKey()
              + " was sealed under server key "
              + key.serverKeyId()
              + " and cannot be opened with server key "
              + current.id()
              + "; was QM_SECRET_KEY changed?");
      throw invalidKey();
    }
    return secret.get();
  }

  /** The request as the signer saw it, from what the server decoded. */
  static CanonicalRequest canonicalRequest(ServerRequest request, List<String> signedHeaders) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : request.query().names()) {
      query.put(name, request.query().all(name));
    }
    return new CanonicalRequest(
        request.prologue().method().text(),
        request.prologue().uriPath().path(),
        query,
        signedHeaders,
        name -> headerValue(request, name),
        payloadHash(request, signedHeaders));
  }

  /**
   * The body's hex SHA-256, or {@code UNSIGNED-PAYLOAD} when the signer declared so in a signed
   * {@code X-Sdk-Content-Sha256}. The official SDK does that for every body whose content type is
   * not {@code application/json}, such as PATCH's {@code application/merge-patch+json}: the body of
   * such a request is not covered by its signature, though everything else is. The header being
   * signed means that only the key's holder can make that choice.
   */
  private static String payloadHash(ServerRequest request, List<String> signedHeaders) {
    String actual = CanonicalRequest.bodyHash(HttpExchange.body(request));
    if (!signedHeaders.contains(CONTENT_SHA256.lowerCase())) {
      return actual;
    }
    String declared = headerValue(request, CONTENT_SHA256.lowerCase());
    if (!declared.equals(UNSIGNED_PAYLOAD) && !declared.equals(actual)) {
      throw new UnauthorizedException(
          "X-Sdk-Content-Sha256 must be UNSIGNED-PAYLOAD or the hex SHA-256 of the body");
    }
    return declared;
  }

  private static String headerValue(ServerRequest request, String name) {
    return request
        .headers()
        .first(HeaderNames.create(name))
        .orElseThrow(() -> new UnauthorizedException("signed header " + name + " is missing"));
  }

  private static UnauthorizedException invalidKey() {
    return new UnauthorizedException("access key is invalid");
  }
}
