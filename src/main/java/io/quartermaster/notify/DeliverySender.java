package io.quartermaster.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs one signed CloudEvent to a subscription's URL and reports how the receiver answered. Only
 * that URL is ever called: redirects are not followed, so an answer cannot send the request (and
 * its signature) elsewhere.
 */
final class DeliverySender {

  /** The receiver's answer, or why there was none. */
  record Answer(int status, Optional<Duration> retryAfter, String error) {
    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  static final String ATTEMPT_HEADER = "X-Quartermaster-Delivery-Attempt";

  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  DeliverySender(Duration timeout, Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.timeout = timeout;
    this.clock = clock;
  }

  Answer send(URI url, String secret, String body, int attempt) {
    long now = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", CloudEvent.CONTENT_TYPE)
            .header("User-Agent", "Quartermaster-Notifications")
            .header(DeliverySignature.HEADER, DeliverySignature.header(secret, now, body))
            .header(ATTEMPT_HEADER, Integer.toString(attempt))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      Optional<Duration> retryAfter =
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      return new Answer(status, retryAfter, status >= 300 ? "answered " + status : null);
    } catch (HttpTimeoutException e) {
      return new Answer(0, Optional.empty(), "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return new Answer(0, Optional.empty(), "no answer: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, Optional.empty(), "interrupted while sending");
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
