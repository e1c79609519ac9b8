package io.quartermaster.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A POST that announces a body over the server's limit and sends none of it, over a plain socket.
 * The server answers from the announcement alone and closes the connection; an HTTP client that
 * streams the body meanwhile may see that close before the answer and fail, depending on timing, so
 * tests of the 413 read it this way instead.
 */
public final class OversizedRequest {

  /** The answer: the status, one header's value, and the whole text as received. */
  public record Answer(int status, String raw) {

    public Optional<String> header(String name) {
      String head = raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n")));
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return head.lines()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).strip())
          .findFirst();
    }

    public String body() {
      return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }
  }

  private OversizedRequest() {}

  /** Sends {@code POST path} announcing {@code bytes} of JSON to the server at {@code baseUrl}. */
  public static Answer post(String baseUrl, String path, long bytes) {
    URI base = URI.create(baseUrl);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\n"
                  + "Host: "
                  + base.getHost()
                  + "\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: "
                  + bytes
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(Integer.parseInt(raw.substring(9, 12)), raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
