package io.quartermaster.engine.webhook;

import io.quartermaster.engine.Provider;
import io.quartermaster.engine.ProvisionOutcome;
import io.quartermaster.engine.ProvisionRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * A provider that hands each order item to the operator's HTTP endpoint: it posts a signed JSON
 * description of the change and turns the answer into the item's outcome. Busy, failing or silent
 * endpoints are asked again with backoff; when the attempts run out the call throws, and the
 * engine's own retries take over. The protocol is described in {@code docs/webhook-provider.md}.
 */
public final class WebhookProvider implements Provider {

  private static final System.Logger LOG = System.getLogger(WebhookProvider.class.getName());

  private final WebhookConfig config;
  private final HttpClient http;
  private final WebhookSignature signature;
  private final WebhookBackoff backoff;
  private final Clock clock;

  public WebhookProvider(WebhookConfig config, Clock clock) {
    this.config = config;
    // HTTP/1.1 because an http:// URL would otherwise be sent an h2c upgrade, which some
    // frameworks and proxies in front of an operator's endpoint mishandle on a POST.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.signature = new WebhookSignature(config.secret());
    this.backoff =
        new WebhookBackoff(
            config.backoff(), config.maxBackoff(), RandomGenerator.getDefault(), clock);
    this.clock = clock;
  }

  @Override
  public ProvisionOutcome apply(ProvisionRequest request) throws InterruptedException {
    byte[] body = WebhookPayload.of(request).toJson();
    for (int next = 1; ; next++) {
      int attempt = next;
      WebhookAnswer answer = send(request, body, attempt);
      switch (answer) {
        case WebhookAnswer.Settled settled -> {
          LOG.log(Level.DEBUG, () -> describe(request, attempt) + " settled: " + settled.outcome());
          return settled.outcome();
        }
        case WebhookAnswer.Unusable unusable -> {
          LOG.log(Level.WARNING, describe(request, attempt) + ": " + unusable.reason());
          throw new WebhookUnavailableException(unusable.reason());
        }
        case WebhookAnswer.Retry retry -> {
          if (attempt >= config.attempts()) {
            LOG.log(Level.WARNING, describe(request, attempt) + " failed: " + retry.reason());
            throw new WebhookUnavailableException(
                "webhook gave no usable answer in "
                    + attempt
                    + (attempt == 1 ? " attempt" : " attempts")
                    + " (last: "
                    + retry.reason()
                    + ")");
          }
          Duration wait = backoff.delay(attempt, retry.retryAfter());
          LOG.log(
              Level.WARNING,
              describe(request, attempt)
                  + " failed: "
                  + retry.reason()
                  + "; retrying in "
                  + wait.toMillis()
                  + " ms");
          Thread.sleep(wait);
        }
      }
    }
  }

  /**
   * The engine gave up on the item (its calls kept failing, for instance with answers that came
   * after the timeout), so it fails; but the endpoint may have carried it out. It is handed back
   * under the same key, with {@code "abandon": true} and {@code X-Quartermaster-Abandon: true}, for
   * the endpoint to undo; any answer but a retryable one counts as acknowledged.
   */
  @Override
  public void abandon(ProvisionRequest request) throws InterruptedException {
    byte[] body = WebhookPayload.of(request).abandoned().toJson();
    for (int attempt = 1; ; attempt++) {
      if (!(send(request, body, attempt, true) instanceof WebhookAnswer.Retry retry)) {
        return;
      }
      if (attempt >= config.attempts()) {
        throw new WebhookUnavailableException(
            "webhook did not acknowledge abandoning the item (last: " + retry.reason() + ")");
      }
      Thread.sleep(backoff.delay(attempt, retry.retryAfter()));
    }
  }

  private WebhookAnswer send(ProvisionRequest request, byte[] body, int attempt)
      throws InterruptedException {
    return send(request, body, attempt, false);
  }

  private WebhookAnswer send(ProvisionRequest request, byte[] body, int attempt, boolean abandon)
      throws InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Quartermaster")
            .header("Idempotency-Key", request.idempotencyKey())
            .header("X-Quartermaster-Timestamp", Long.toString(timestamp))
            .header("X-Quartermaster-Signature", signature.sign(timestamp, body))
            .header("X-Quartermaster-Attempt", Integer.toString(attempt))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (abandon) {
      builder.header("X-Quartermaster-Abandon", "true");
    }
    HttpRequest httpRequest = builder.build();
    LOG.log(Level.DEBUG, () -> describe(request, attempt) + ": posting");
    // The request timeout covers only the wait for the answer's headers; waiting on the future
    // bounds the whole exchange, so an endpoint that stalls mid-body cannot hold a worker.
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
    try {
      HttpResponse<byte[]> response =
          exchange.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
      return WebhookAnswer.of(
          response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return noAnswer();
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        return noAnswer();
      }
      if (e.getCause() instanceof IOException io) {
        return new WebhookAnswer.Retry(
            "could not reach the webhook: " + io.getClass().getSimpleName(), Optional.empty());
      }
      throw new IllegalStateException("sending a webhook request failed", e.getCause());
    }
  }

  private WebhookAnswer noAnswer() {
    return new WebhookAnswer.Retry("no answer within " + config.timeout(), Optional.empty());
  }

  private static String describe(ProvisionRequest request, int attempt) {
    return "webhook "
        + request.action().wire()
        + " "
        + request.resourceName()
        + " (key "
        + request.idempotencyKey()
        + ", attempt "
        + attempt
        + ")";
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String name() {
    return "webhook";
  }
}
