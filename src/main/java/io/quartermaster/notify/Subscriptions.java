package io.quartermaster.notify;

import io.quartermaster.error.BadRequestException;
import io.quartermaster.error.NotFoundException;
import io.quartermaster.event.EventLog;
import io.quartermaster.identity.Caller;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Creating, reading and deleting a project's subscriptions. */
final class Subscriptions {

  static final int MAX_PER_PROJECT = 100;
  static final int MAX_DEAD_LETTERS = 500;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final SubscriptionDao dao;
  private final EventLog log = new EventLog();
  private final NotifyConfig config;
  private final DeliveryJobs jobs;
  private final SecretSeal seal;
  private final Clock clock;

  /** A subscription just created, with its secret in the clear for the one answer that shows it. */
  record Created(SubscriptionRow row, String secret) {}

  Subscriptions(
      Jdbi jdbi,
      SubscriptionDao dao,
      NotifyConfig config,
      DeliveryJobs jobs,
      SecretSeal seal,
      Clock clock) {
    this.jdbi = jdbi;
    this.dao = dao;
    this.config = config;
    this.jobs = jobs;
    this.seal = seal;
    this.clock = clock;
  }

  /**
   * Creates the subscription with its cursor at the project's newest event, so it receives every
   * event after its creation, and its delivery job, in one transaction.
   */
  Created create(Caller caller, String projectId, NewSubscription request) {
    String refusal = config.allowedHosts().refusal(request.url());
    if (refusal != null) {
      throw BadRequestException.because(refusal);
    }
    if (URI.create(request.url()).getUserInfo() != null) {
      // Deliveries are authenticated by their signature; a password in the URL would be shown to
      // every viewer of the project.
      throw BadRequestException.because("url must not contain a user or password");
    }
    String secret = request.secret().orElseGet(Subscriptions::newSecret);
    String id = newId();
    byte[] sealed = seal.seal(id, secret);
    SubscriptionRow created =
        jdbi.inTransaction(
            h -> {
              if (dao.count(h, projectId) >= MAX_PER_PROJECT) {
                throw BadRequestException.because(
                    "a project has at most " + MAX_PER_PROJECT + " subscriptions");
              }
              SubscriptionRow row =
                  new SubscriptionRow(
                      id,
                      projectId,
                      request.url(),
                      sealed,
                      request.eventTypes(),
                      request.pool(),
                      clock.instant(),
                      caller.userName(),
                      log.newest(h, projectId),
                      0,
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty());
              dao.insert(h, row);
              jobs.schedule(h, row.id());
              return row;
            });
    return new Created(created, secret);
  }

  List<SubscriptionRow> list(String projectId) {
    return jdbi.withHandle(h -> dao.list(h, projectId));
  }

  SubscriptionRow show(String projectId, String id) {
    return jdbi.withHandle(h -> dao.find(h, projectId, id))
        .orElseThrow(() -> NotFoundException.subscription(id));
  }

  /** Deletes the subscription and its dead letters; its job finds it gone and ends itself. */
  void delete(String projectId, String id) {
    if (!jdbi.withHandle(h -> dao.delete(h, projectId, id))) {
      throw NotFoundException.subscription(id);
    }
  }

  List<DeadLetter> deadLetters(String projectId, String id) {
    return jdbi.withHandle(
        h -> {
          if (dao.find(h, projectId, id).isEmpty()) {
            throw NotFoundException.subscription(id);
          }
          return dao.deadLetters(h, id, MAX_DEAD_LETTERS);
        });
  }

  private static String newId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return "sub-" + HexFormat.of().formatHex(bytes);
  }

  /** 256 random bits, URL-safe, so that it can be pasted into any receiver's configuration. */
  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
