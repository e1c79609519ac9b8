package io.quartermaster.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.app.FuzzText.Encoding;
import io.quartermaster.app.RolesOnEveryEndpointTest.Endpoint;
import io.quartermaster.app.RolesOnEveryEndpointTest.Project;
import io.quartermaster.json.Json;
import io.quartermaster.testing.SdkSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generated request before it meets the world: which route, method, caller, project, ids, path
 * tricks, query, headers and body. Rendering it against the {@link FuzzWorld} of the moment gives
 * the bytes to send, so that a plan still means the same after the world replaced a deleted pool.
 */
record FuzzPlan(
    Endpoint endpoint,
    String method,
    Credential credential,
    Target target,
    List<Param> query,
    Headers headers,
    FuzzBodies.Body body) {

  /** Who calls. */
  enum Caller {
    VIEWER,
    MEMBER,
    ADMIN,
    /** A member of the other project, in whatever project the path names. */
    FOREIGN_MEMBER,
    /** The member's access key, signing the request as the official SDK does. */
    MEMBER_KEY,
    KEY_WITH_WRONG_SECRET,
    NONE,
    JUNK_TOKEN,
    TRUNCATED_TOKEN,
    TWO_TOKENS,
    BEARER_TOKEN,
    JUNK_SIGNATURE
  }

  record Credential(Caller caller, String junk) {}

  enum ProjectChoice {
    OWN,
    OTHER,
    GHOST,
    MALFORMED
  }

  enum IdChoice {
    /** The pool or order of the project the path names (the role table's missing pool stays). */
    MATCHING,
    /** The other project's pool or order. */
    CROSSED,
    /** A pool or order that does not exist. */
    MISSING,
    JUNK
  }

  enum PathTrick {
    TRAILING_SLASH,
    LEADING_DOUBLE_SLASH,
    INNER_DOUBLE_SLASH,
    DOT_SEGMENT,
    DOT_DOT_BACK,
    DOT_DOT_OUT_OF_VERSION,
    ENCODED_DOT_DOT,
    ENCODED_SLASH,
    NUL,
    BAD_PERCENT,
    SEMICOLON,
    UPPER_CASE_VERSION,
    LONG_SEGMENT,
    MANY_SEGMENTS,
    BACKSLASH,
    FRAGMENT,
    LOOKALIKE_SLASH;

    String apply(String path, int size) {
      int last = path.lastIndexOf('/');
      return switch (this) {
        case TRAILING_SLASH -> path + "/";
        case LEADING_DOUBLE_SLASH -> "/" + path;
        case INNER_DOUBLE_SLASH -> path.replaceFirst("^(/v[0-9]+)/", "$1//");
        case DOT_SEGMENT -> path.replaceFirst("^(/v[0-9]+)/", "$1/./");
        case DOT_DOT_BACK -> path + "/.." + path.substring(last);
        case DOT_DOT_OUT_OF_VERSION -> path.replaceFirst("^/(v[0-9]+)/", "/$1/../$1/../");
        case ENCODED_DOT_DOT -> path.substring(0, last) + "/%2e%2e" + path.substring(last);
        case ENCODED_SLASH -> path.substring(0, last) + "%2F" + path.substring(last + 1);
        case NUL -> path + "%00";
        case BAD_PERCENT -> path + List.of("%", "%z", "%zz", "%e9", "%C0%AF").get(size % 5);
        case SEMICOLON -> path + ";jsessionid=" + size;
        case UPPER_CASE_VERSION -> path.replaceFirst("^/v", "/V");
        case LONG_SEGMENT -> path + "/" + "x".repeat(List.of(2_000, 9_000, 70_000).get(size % 3));
        case MANY_SEGMENTS -> path + "/a".repeat(List.of(50, 1_500, 20_000).get(size % 3));
        case BACKSLASH -> path.substring(0, last) + "\\" + path.substring(last + 1);
        case FRAGMENT -> path + "#frag";
        case LOOKALIKE_SLASH -> path.substring(0, last) + "\u2215" + path.substring(last + 1);
      };
    }
  }

  record Target(
      ProjectChoice project,
      String projectJunk,
      IdChoice id,
      String idJunk,
      Encoding encoding,
      List<PathTrick> tricks,
      int trickSize) {}

  /** A query parameter; a null value is sent as a bare name ({@code ?limit}). */
  record Param(String name, String value, Encoding encoding) {}

  /** Headers; a null value is not sent. */
  record Headers(
      String contentType,
      String accept,
      String requestId,
      String idempotencyKey,
      String lastEventId,
      String projectHeader,
      boolean secondContentType,
      String extraName,
      String extraValue) {}

  FuzzRequest render(FuzzWorld world, int port) {
    String verb = method == null ? endpoint.method() : method;
    String path = path(world);
    for (PathTrick trick : target.tricks()) {
      path = trick.apply(path, target.trickSize());
    }
    StringBuilder targetText = new StringBuilder(path);
    for (int i = 0; i < query.size(); i++) {
      Param param = query.get(i);
      targetText.append(i == 0 ? '?' : '&').append(param.encoding().apply(param.name()));
      if (param.value() != null) {
        targetText.append('=').append(param.encoding().apply(param.value()));
      }
    }
    byte[] bytes = body.render(baseBody());
    List<Map.Entry<String, String>> sent = new ArrayList<>();
    add(sent, "Content-Type", headers.contentType());
    if (headers.secondContentType()) {
      add(sent, "Content-Type", "text/plain");
    }
    add(sent, "Accept", headers.accept());
    add(sent, "X-Request-Id", headers.requestId());
    add(sent, "Idempotency-Key", headers.idempotencyKey());
    add(sent, "Last-Event-ID", headers.lastEventId());
    add(sent, "X-Project-Id", projectHeader(world));
    add(sent, headers.extraName(), headers.extraValue());
    sent.addAll(credentialHeaders(world, port, verb, targetText.toString(), sent, bytes));
    return new FuzzRequest(
        endpoint.route(),
        credential.caller().name().toLowerCase(Locale.ROOT),
        verb,
        targetText.toString(),
        sent,
        bytes);
  }

  private static void add(List<Map.Entry<String, String>> headers, String name, String value) {
    if (name != null && value != null) {
      headers.add(Map.entry(name, value));
    }
  }

  private String path(FuzzWorld world) {
    Project project =
        switch (target.project()) {
          case OTHER -> world.other();
          default -> world.own();
        };
    Project crossed = project == world.own() ? world.other() : world.own();
    String projectId =
        switch (target.project()) {
          case OWN, OTHER -> project.id();
          case GHOST -> FuzzWorld.GHOST_PROJECTS.get(Math.floorMod(target.trickSize(), 2));
          case MALFORMED -> target.encoding().apply(malformedProject(world.own().id()));
        };
    String template = endpoint.path().replaceAll("\\?.*", "");
    return template
        .replace("{p}", projectId)
        .replace("{pool}", id(project.pool(), crossed.pool(), "pool-none-" + projectId))
        .replace("{order}", id(project.order(), crossed.order(), "order.pool-none-zzzzz"))
        .replace(
            "{missing}",
            id(
                target.trickSize() % 3 == 0 ? project.pool() : "pool-none-0",
                crossed.pool(),
                "pool-none-" + projectId));
  }

  private String id(String matching, String crossed, String missing) {
    return switch (target.id()) {
      case MATCHING -> matching;
      case CROSSED -> crossed;
      case MISSING -> missing;
      case JUNK -> target.encoding().apply(target.idJunk());
    };
  }

  private String malformedProject(String ownId) {
    return switch (Math.floorMod(target.trickSize(), 5)) {
      case 0 -> ownId.toUpperCase(Locale.ROOT);
      case 1 -> ownId.substring(1);
      case 2 -> ownId + "0";
      case 3 -> "default";
      default -> target.projectJunk();
    };
  }

  private String projectHeader(FuzzWorld world) {
    if (headers.projectHeader() == null) {
      return null;
    }
    return switch (headers.projectHeader()) {
      case "own" -> world.own().id();
      case "other" -> world.other().id();
      default -> headers.projectHeader();
    };
  }

  /** The route's valid body, with the pool's display name one of a few, so that some collide. */
  private JsonNode baseBody() {
    Object body = endpoint.body().get();
    if (body == null) {
      return null;
    }
    JsonNode tree = Json.mapper().valueToTree(body);
    JsonNode labels = tree.at("/metadata/labels");
    if (labels instanceof ObjectNode named && named.has("os.modelarts/name")) {
      named.put("os.modelarts/name", "fuzz-" + Math.floorMod(target.trickSize(), 4));
    }
    return tree;
  }

  private List<Map.Entry<String, String>> credentialHeaders(
      FuzzWorld world,
      int port,
      String verb,
      String rawTarget,
      List<Map.Entry<String, String>> sent,
      byte[] bytes) {
    String member = world.tenant().member().token();
    return switch (credential.caller()) {
      case VIEWER -> List.of(Map.entry("X-Auth-Token", world.tenant().viewer().token()));
      case MEMBER -> List.of(Map.entry("X-Auth-Token", member));
      case ADMIN -> List.of(Map.entry("X-Auth-Token", world.tenant().admin().token()));
      case FOREIGN_MEMBER ->
          List.of(Map.entry("X-Auth-Token", world.otherTenant().member().token()));
      case NONE -> List.of();
      case JUNK_TOKEN -> List.of(Map.entry("X-Auth-Token", credential.junk()));
      case TRUNCATED_TOKEN ->
          List.of(Map.entry("X-Auth-Token", member.substring(0, member.length() - 1)));
      case TWO_TOKENS ->
          List.of(Map.entry("X-Auth-Token", member), Map.entry("X-Auth-Token", credential.junk()));
      case BEARER_TOKEN -> List.of(Map.entry("Authorization", "Bearer " + member));
      case JUNK_SIGNATURE ->
          List.of(
              Map.entry("Authorization", "SDK-HMAC-SHA256 " + credential.junk()),
              Map.entry("X-Sdk-Date", "20260101T000000Z"));
      case MEMBER_KEY, KEY_WITH_WRONG_SECRET -> {
        SdkSigner signer =
            credential.caller() == Caller.MEMBER_KEY
                ? world.memberKey().signer()
                : new SdkSigner(world.memberKey().access(), "not-the-secret");
        yield signed(signer, port, verb, rawTarget, sent, bytes);
      }
    };
  }

  /**
   * The signature headers of the official SDK's signer; a target it cannot parse, or a method it
   * does not know, is signed as a plain GET of the root, which the service must refuse.
   */
  private static List<Map.Entry<String, String>> signed(
      SdkSigner signer,
      int port,
      String verb,
      String rawTarget,
      List<Map.Entry<String, String>> sent,
      byte[] bytes) {
    Map<String, String> headers = new LinkedHashMap<>();
    sent.forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
    String base = "http://127.0.0.1:" + port;
    Map<String, String> signature;
    try {
      signature =
          signer.sign(
              verb,
              URI.create(base + rawTarget.replaceAll("#.*", "")),
              headers,
              new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      signature = signer.sign("GET", URI.create(base + "/"), headers, "");
    }
    // The signer hands back the headers it was given too; only its own are added.
    return signature.entrySet().stream()
        .filter(h -> sent.stream().noneMatch(s -> s.getKey().equalsIgnoreCase(h.getKey())))
        .toList();
  }
}
