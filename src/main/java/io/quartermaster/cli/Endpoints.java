package io.quartermaster.cli;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks the URLs users give for the service. */
final class Endpoints {

  private Endpoints() {}

  /** {@code url} without trailing slashes, if it is an http(s) URL with a host; else a 2. */
  static String check(String url) {
    String trimmed = url.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(trimmed);
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!web || uri.getHost() == null || uri.getRawQuery() != null) {
        throw CliException.usage(
            "endpoint " + url + " is not an http:// or https:// URL such as http://localhost:8080");
      }
      return trimmed;
    } catch (URISyntaxException e) {
      throw CliException.usage("endpoint " + url + " is not a URL: " + e.getReason());
    }
  }
}
