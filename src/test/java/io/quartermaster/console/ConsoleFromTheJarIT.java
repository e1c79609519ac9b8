package io.quartermaster.console;

import static io.quartermaster.testing.ServiceProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quartermaster.testing.ServiceProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, started as {@code qm serve} does, hands out the console from inside itself. */
class ConsoleFromTheJarIT {

  @TempDir Path tmp;

  @Test
  void theJarServesTheConsolesFilesUnderItsPolicy() throws Exception {
    int port = freePort();
    HttpClient http = HttpClient.newHttpClient();
    try (ServiceProcess service =
        ServiceProcess.serve(port, tmp.resolve("data")).awaitHealthy(port)) {
      for (String file : List.of("index.html", "js/main.js", "js/gantt.js", "css/gantt.css")) {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/" + file))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), file + service.stdout());
        assertEquals(resource("console/" + file), answer.body(), file);
        assertEquals(
            ConsoleApi.CONTENT_SECURITY_POLICY,
            answer.headers().firstValue("Content-Security-Policy").orElse(null),
            file);
      }
      HttpResponse<Void> root =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
              HttpResponse.BodyHandlers.discarding());
      assertTrue(root.uri().getPath().equals("/") && root.statusCode() == 302, root::toString);
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = ConsoleFromTheJarIT.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
