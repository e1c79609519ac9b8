package io.quartermaster.notify;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which notification targets an operator allows ({@code QM_WEBHOOK_ALLOWED_HOSTS}): a comma list
 * where each entry matches a host exactly or, starting with a dot, as a suffix. An empty list
 * allows any host. Only http and https URLs are ever allowed, so a subscription cannot make the
 * service read files or speak other protocols.
 */
public record AllowedHosts(List<String> entries) {

  public AllowedHosts {
    entries = List.copyOf(entries);
  }

  public static AllowedHosts parse(String commaList) {
    if (commaList == null || commaList.isBlank()) {
      return new AllowedHosts(List.of());
    }
    return new AllowedHosts(
        Arrays.stream(commaList.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList());
  }

  /** Null when the URL may be used, else the reason it is refused. */
  public String refusal(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException | NullPointerException e) {
      return "url is not a valid URI";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "url must use http or https";
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return "url must name a host";
    }
    if (entries.isEmpty()) {
      return null;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    for (String entry : entries) {
      if (entry.startsWith(".") ? lower.endsWith(entry) : lower.equals(entry)) {
        return null;
      }
    }
    return "url host " + host + " is not in QM_WEBHOOK_ALLOWED_HOSTS";
  }
}
