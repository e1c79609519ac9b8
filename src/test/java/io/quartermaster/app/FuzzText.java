package io.quartermaster.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Strings that break things, and the ways of writing them into a request target. */
final class FuzzText {

  private FuzzText() {}

  /** Values that parsers, validators and SQL have tripped over elsewhere. */
  static final List<String> TRICKY =
      List.of(
          "",
          " ",
          ".",
          "..",
          "...",
          "/",
          "%",
          "%00",
          "\u0000",
          "null",
          "undefined",
          "true",
          "-1",
          "0",
          "00",
          "+1",
          "1.0",
          "1e3",
          "0x10",
          "NaN",
          "Infinity",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "99999999999999999999999999999999",
          "[]",
          "{}",
          "'",
          "\"",
          "\\",
          "' or '1'='1",
          "'; drop table pools; --",
          "%' and 1=1 --",
          "${jndi:ldap://127.0.0.1/x}",
          "<script>alert(1)</script>",
          "../../etc/passwd",
          "..%2f..%2f",
          "\u202eevil",
          "\uFEFFbom",
          "a\u0301",
          "\uD83D\uDE80",
          "\uD800",
          "Ω≈ç√∫",
          "пул-один",
          "池",
          "pool-ok",
          "POOL-UPPER",
          "pool_underscore",
          "order.pool-5ed5-w4l2n",
          "CS2304191748WNW2R",
          "os-node-created-aaaaa",
          "0123456789abcdef0123456789abcdef",
          "modelarts.vm.cpu.8ud",
          "labelSelector=os.modelarts/name!=x",
          "k=v,k2!=v2",
          "=",
          "==",
          "&",
          "?",
          "#",
          "\t");

  /** A short string of any kind, now and then a long one. */
  static Arbitrary<String> junk() {
    return Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.of(TRICKY)),
        Tuple.of(20, Arbitraries.strings().ascii().ofMaxLength(24)),
        Tuple.of(15, Arbitraries.strings().all().ofMaxLength(12)),
        Tuple.of(
            15,
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '.')
                .ofMinLength(1)
                .ofMaxLength(30)),
        Tuple.of(5, Arbitraries.strings().withCharRange('\u0080', '\uFFFD').ofMaxLength(8)),
        Tuple.of(
            3,
            Arbitraries.of(65, 257, 4_097, 70_000)
                .flatMap(
                    n -> Arbitraries.of("a", "é", "\uD83D\uDE80", "%").map(c -> c.repeat(n)))));
  }

  /** A string without line breaks, fit for a header value. */
  static Arbitrary<String> headerJunk() {
    return junk().map(s -> s.replace("\r", "").replace("\n", ""));
  }

  /** How a string is written into a path or query. */
  enum Encoding {
    /** Every byte outside the unreserved set as {@code %XX}: what a careful client sends. */
    PERCENT,
    /** As it is, only blanks and control characters escaped: raw UTF-8 and raw reserved bytes. */
    RAW,
    /** Percent-encoded twice. */
    DOUBLE;

    String apply(String text) {
      String once = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
      return switch (this) {
        case PERCENT -> once;
        case DOUBLE -> once.replace("%", "%25");
        case RAW -> raw(text);
      };
    }

    private static String raw(String text) {
      StringBuilder out = new StringBuilder();
      text.codePoints()
          .forEach(
              c -> {
                if (c <= 0x20 || c == 0x7f) {
                  out.append("%%%02X".formatted(c));
                } else {
                  out.appendCodePoint(c);
                }
              });
      return out.toString();
    }
  }
}
