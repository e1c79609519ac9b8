package io.quartermaster.order;

import io.quartermaster.error.BadRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ListOrders' markers (an extension): where the next page starts, as the last order of this one
 * (its creation time, to the microsecond, and its name), signed with HMAC-SHA256 under a key the
 * service keeps. The signature covers the project and the filters too, so a marker changed by hand,
 * made up, or taken to another project or other filters is refused with a 400 instead of paging
 * from a place the caller never saw.
 *
 * <p>Form: {@code base64url(micros "." orderName) "." base64url(first 16 bytes of the HMAC)}.
 * Clients treat it as opaque.
 */
final class ListMarkers {

  /** A position in ListOrders' order: newest first, then by name. */
  record Position(Instant createdAt, String orderName) {}

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Pattern MARKER = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}");
  private static final int TAG_BYTES = 16;

  private final SecretKeySpec key;

  ListMarkers(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The marker of the page after {@code last}, for {@code projectId} and the query's filters. */
  String encode(Position last, String projectId, OrderListQuery query) {
    long micros =
        Math.addExact(
            Math.multiplyExact(last.createdAt().getEpochSecond(), 1_000_000L),
            last.createdAt().getNano() / 1_000);
    byte[] payload = (micros + "." + last.orderName()).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload)
        + "."
        + ENCODER.encodeToString(tag(payload, projectId, query));
  }

  /**
   * The position a marker stands for; empty for the empty marker, which asks for the first page.
   *
   * @throws BadRequestException when the service did not issue it for this project and these
   *     filters
   */
  Optional<Position> decode(String marker, String projectId, OrderListQuery query) {
    if (marker.isEmpty()) {
      return Optional.empty();
    }
    if (!MARKER.matcher(marker).matches()) {
      throw invalid();
    }
    int dot = marker.indexOf('.');
    byte[] payload;
    byte[] tag;
    try {
      payload = DECODER.decode(marker.substring(0, dot));
      tag = DECODER.decode(marker.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      // Only the caller's text is decoded here: a length no base64 can have.
      throw invalid();
    }
    if (!MessageDigest.isEqual(tag, tag(payload, projectId, query))) {
      throw invalid();
    }
    // Signed by this service, so well formed: anything else is a bug, not the caller's fault.
    String text = new String(payload, StandardCharsets.UTF_8);
    int separator = text.indexOf('.');
    long micros = Long.parseLong(text.substring(0, separator));
    Instant createdAt =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    return Optional.of(new Position(createdAt, text.substring(separator + 1)));
  }

  private byte[] tag(byte[] payload, String projectId, OrderListQuery query) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      // Length-prefixed, so that no two different scopes can run together into the same bytes.
      for (String part :
          new String[] {
            "list-orders-v1",
            projectId,
            query.workspaceId(),
            query.involvedName().orElse(""),
            query.phase().map(OrderPhase::wire).orElse("")
          }) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
      }
      mac.update(payload);
      return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static BadRequestException invalid() {
    return BadRequestException.because(
        "marker is not one this service issued for this project and these filters"
            + " (workspaceId, involvedName, phase); start again with an empty marker");
  }
}
