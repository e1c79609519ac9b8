package io.quartermaster.identity;

import io.quartermaster.error.UnauthorizedException;
import io.quartermaster.signing.CanonicalRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} header of a request signed as the official SDKs sign it: {@code
 * SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=hex}.
 *
 * @param signedHeaders lower-case header names, in the order they were signed
 */
record SdkSignature(String accessKey, List<String> signedHeaders, String signature) {

  static final String ALGORITHM = CanonicalRequest.ALGORITHM;

  private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");

  SdkSignature {
    signedHeaders = List.copyOf(signedHeaders);
  }

  /**
   * Parses the header. Anything but a well-formed {@code SDK-HMAC-SHA256} authorization that signs
   * at least {@code host} and {@code x-sdk-date} is a 401 saying what is wrong.
   */
  static SdkSignature parse(String authorization) {
    String value = authorization.strip();
    int space = value.indexOf(' ');
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      throw new UnauthorizedException(
          "signing algorithm " + algorithm + " is not supported; sign with " + ALGORITHM);
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : value.substring(space + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0
          || parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip()) != null) {
        throw malformed();
      }
    }
    String access = parts.get("Access");
    String headers = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (parts.size() != 3 || access == null || headers == null || signature == null) {
      throw malformed();
    }
    List<String> names = Arrays.asList(headers.split(";", -1));
    if (!HEX_SIGNATURE.matcher(signature).matches()
        || names.stream().anyMatch(name -> !HEADER_NAME.matcher(name).matches())) {
      throw malformed();
    }
    // Without these two the signature would not pin the request to this server and this moment.
    if (!names.contains("host") || !names.contains("x-sdk-date")) {
      throw new UnauthorizedException("SignedHeaders must include host and x-sdk-date");
    }
    return new SdkSignature(access, names, signature);
  }

  private static UnauthorizedException malformed() {
    return new UnauthorizedException(
        "Authorization must be "
            + ALGORITHM
            + " Access={access key}, SignedHeaders={names}, Signature={hex}");
  }
}
