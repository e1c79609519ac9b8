package io.quartermaster.app;

import io.quartermaster.db.DatabaseConfig;
import io.quartermaster.engine.EngineConfig;
import io.quartermaster.engine.webhook.WebhookConfig;
import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.event.EventConfig;
import io.quartermaster.idempotency.IdempotencyConfig;
import io.quartermaster.identity.IdentityConfig;
import io.quartermaster.identity.LoginThrottleConfig;
import io.quartermaster.identity.ServerKey;
import io.quartermaster.limit.LimitsConfig;
import io.quartermaster.metrics.MetricsConfig;
import io.quartermaster.notify.NotifyConfig;
import io.quartermaster.order.OrderConfig;
import io.quartermaster.pool.PoolConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the service is configured with, read once at start from {@code QM_*} environment
 * variables (the README's configuration table lists them). Each feature gets its own part; nothing
 * reads the environment after this.
 *
 * @param webhook the operator's endpoint that carries out order items; empty for the simulated
 *     provider
 * @param limits the request rate limits and read timeouts that apply to every request
 */
public record Config(
    String host,
    int port,
    DatabaseConfig database,
    IdentityConfig identity,
    PoolConfig pools,
    EngineConfig engine,
    Optional<WebhookConfig> webhook,
    OrderConfig orders,
    MetricsConfig metrics,
    EventConfig events,
    IdempotencyConfig idempotency,
    NotifyConfig notifications,
    LimitsConfig limits) {

  public static final int DEFAULT_PORT = 8080;

  /** Reads the {@code QM_*} environment variables, with defaults for everything unset. */
  public static Config fromEnvironment(Map<String, String> env) {
    EnvironmentReader read = new EnvironmentReader(env);
    DatabaseConfig database =
        new DatabaseConfig(
            Path.of(read.string("QM_DATA_DIR", "data")),
            read.optional("QM_DATABASE_URL"),
            read.string("QM_DATABASE_USER", "postgres"),
            read.string("QM_DATABASE_PASSWORD", ""),
            read.integer("QM_DATABASE_POOL_SIZE", 16, 1),
            true);
    PoolConfig pools =
        new PoolConfig(
            read.integer("QM_NODE_QUOTA", 100, 0),
            read.optional("QM_FLAVOR_CATALOG").map(Path::of),
            read.integer("QM_MAX_POOLS_PER_PROJECT", PoolConfig.DEFAULT_MAX_POOLS_PER_PROJECT, 1));
    EngineConfig engine =
        new EngineConfig(
            read.integer("QM_ENGINE_WORKERS", 4, 1),
            read.duration("QM_ENGINE_POLL_INTERVAL", Duration.ofSeconds(1)),
            read.duration("QM_ENGINE_HEARTBEAT_INTERVAL", Duration.ofSeconds(5)),
            read.integer(
                "QM_ENGINE_MISSED_HEARTBEATS",
                EngineConfig.MIN_MISSED_HEARTBEATS,
                EngineConfig.MIN_MISSED_HEARTBEATS),
            read.integer("QM_ENGINE_MAX_RETRIES", 5, 0),
            read.duration("QM_ENGINE_RETRY_BACKOFF", Duration.ofSeconds(2)),
            read.duration("QM_SIMULATED_NODE_TIME", Duration.ofSeconds(2)),
            SimulatedSettings.read(read),
            read.integer("QM_ENGINE_ITEM_PARALLELISM", EngineConfig.DEFAULT_ITEM_PARALLELISM, 1),
            read.integer(
                "QM_ENGINE_MAX_CONCURRENT_ITEMS", EngineConfig.DEFAULT_MAX_CONCURRENT_ITEMS, 1));
    Optional<WebhookConfig> webhook = WebhookSettings.read(read);
    return new Config(
        read.string("QM_HOST", "0.0.0.0"),
        read.integer("QM_PORT", DEFAULT_PORT),
        database,
        identity(read),
        pools,
        engine,
        webhook,
        orders(read),
        metrics(read),
        new EventConfig(
            read.positiveDuration("QM_EVENTS_HEARTBEAT", EventConfig.DEFAULT_HEARTBEAT),
            read.positiveDuration("QM_EVENTS_POLL_INTERVAL", EventConfig.DEFAULT_POLL_INTERVAL),
            read.positiveDuration("QM_EVENTS_MAX_DURATION", EventConfig.DEFAULT_MAX_DURATION),
            read.integer(
                "QM_EVENT_STREAMS_PER_CALLER", EventConfig.DEFAULT_MAX_STREAMS_PER_CALLER, 1)),
        new IdempotencyConfig(
            read.positiveDuration("QM_IDEMPOTENCY_TTL", IdempotencyConfig.DEFAULT_TTL)),
        NotifySettings.read(read),
        LimitSettings.read(read));
  }

  private static MetricsConfig metrics(EnvironmentReader read) {
    boolean enabled =
        switch (read.string("QM_METRICS", "on")) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new InvalidConfigException("QM_METRICS must be on or off");
        };
    if (read.optional("QM_METRICS_PORT").isEmpty()) {
      return new MetricsConfig(enabled, OptionalInt.empty());
    }
    int port = read.integer("QM_METRICS_PORT", 0, 0);
    if (port > 65535) {
      throw new InvalidConfigException("QM_METRICS_PORT must be a port between 0 and 65535");
    }
    if (port != 0 && port == read.integer("QM_PORT", DEFAULT_PORT)) {
      throw new InvalidConfigException(
          "QM_METRICS_PORT must differ from QM_PORT; leave it unset to serve /metrics on QM_PORT");
    }
    return new MetricsConfig(enabled, OptionalInt.of(port));
  }

  private static OrderConfig orders(EnvironmentReader read) {
    int threshold = read.integer("QM_APPROVAL_THRESHOLD", 0);
    if (threshold < 0) {
      throw new InvalidConfigException("QM_APPROVAL_THRESHOLD must not be negative (0 is off)");
    }
    int batchSize = read.integer("QM_ORDER_SWEEP_BATCH_SIZE", OrderConfig.DEFAULT_SWEEP_BATCH_SIZE);
    if (batchSize < 1) {
      throw new InvalidConfigException("QM_ORDER_SWEEP_BATCH_SIZE must be at least 1");
    }
    return new OrderConfig(
        read.positiveDuration("QM_ORDER_LIST_WINDOW", OrderConfig.DEFAULT_LIST_WINDOW),
        threshold,
        read.positiveDuration("QM_PENDING_ORDER_TIMEOUT", OrderConfig.DEFAULT_PENDING_TIMEOUT),
        read.positiveDuration("QM_ORDER_RETENTION", OrderConfig.DEFAULT_RETENTION),
        read.positiveDuration("QM_ORDER_SWEEP_INTERVAL", OrderConfig.DEFAULT_SWEEP_INTERVAL),
        batchSize);
  }

  private static IdentityConfig identity(EnvironmentReader read) {
    var adminPassword = read.optional("QM_ADMIN_PASSWORD");
    if (adminPassword.isPresent()
        && (adminPassword.get().length() < 8 || adminPassword.get().length() > 128)) {
      throw new InvalidConfigException("QM_ADMIN_PASSWORD must be 8 to 128 characters long");
    }
    int iterations =
        read.integer("QM_PASSWORD_ITERATIONS", IdentityConfig.DEFAULT_PASSWORD_ITERATIONS);
    if (iterations < 1) {
      throw new InvalidConfigException("QM_PASSWORD_ITERATIONS must be at least 1");
    }
    Duration tokenTtl = read.duration("QM_TOKEN_TTL", IdentityConfig.DEFAULT_TOKEN_TTL);
    if (tokenTtl.isZero()) {
      throw new InvalidConfigException("QM_TOKEN_TTL must be longer than zero");
    }
    var secretKey = read.optional("QM_SECRET_KEY");
    if (secretKey.isPresent() && !ServerKey.isValid(secretKey.get())) {
      throw new InvalidConfigException("QM_SECRET_KEY must be 32 bytes in base64");
    }
    return new IdentityConfig(
        adminPassword,
        tokenTtl,
        iterations,
        secretKey,
        loginThrottle(read),
        read.integer(
            "QM_MAX_ACCESS_KEYS_PER_USER", IdentityConfig.DEFAULT_MAX_ACCESS_KEYS_PER_USER, 1));
  }

  private static LoginThrottleConfig loginThrottle(EnvironmentReader read) {
    LoginThrottleConfig defaults = LoginThrottleConfig.DEFAULT;
    int maxFailures = read.integer("QM_LOGIN_MAX_FAILURES", defaults.maxFailures());
    if (maxFailures < 1) {
      throw new InvalidConfigException("QM_LOGIN_MAX_FAILURES must be at least 1");
    }
    Duration window = read.duration("QM_LOGIN_FAILURE_WINDOW", defaults.window());
    Duration lockout = read.duration("QM_LOGIN_LOCKOUT", defaults.lockout());
    if (window.isZero() || lockout.isZero()) {
      throw new InvalidConfigException(
          (window.isZero() ? "QM_LOGIN_FAILURE_WINDOW" : "QM_LOGIN_LOCKOUT")
              + " must be longer than zero");
    }
    return new LoginThrottleConfig(maxFailures, window, lockout);
  }

  public Config withPort(int newPort) {
    Copy copy = new Copy(this);
    copy.port = newPort;
    return copy.build();
  }

  public Config withDatabase(DatabaseConfig newDatabase) {
    Copy copy = new Copy(this);
    copy.database = newDatabase;
    return copy.build();
  }

  public Config withIdentity(IdentityConfig newIdentity) {
    Copy copy = new Copy(this);
    copy.identity = newIdentity;
    return copy.build();
  }

  public Config withPools(PoolConfig newPools) {
    Copy copy = new Copy(this);
    copy.pools = newPools;
    return copy.build();
  }

  public Config withEngine(EngineConfig newEngine) {
    Copy copy = new Copy(this);
    copy.engine = newEngine;
    return copy.build();
  }

  public Config withMetrics(MetricsConfig newMetrics) {
    Copy copy = new Copy(this);
    copy.metrics = newMetrics;
    return copy.build();
  }

  public Config withOrders(OrderConfig newOrders) {
    Copy copy = new Copy(this);
    copy.orders = newOrders;
    return copy.build();
  }

  /** The same service, carrying out order items through the operator's endpoint. */
  public Config withWebhook(WebhookConfig newWebhook) {
    Copy copy = new Copy(this);
    copy.webhook = Optional.of(newWebhook);
    return copy.build();
  }

  public Config withIdempotency(IdempotencyConfig newIdempotency) {
    Copy copy = new Copy(this);
    copy.idempotency = newIdempotency;
    return copy.build();
  }

  public Config withEvents(EventConfig newEvents) {
    Copy copy = new Copy(this);
    copy.events = newEvents;
    return copy.build();
  }

  public Config withNotifications(NotifyConfig newNotifications) {
    Copy copy = new Copy(this);
    copy.notifications = newNotifications;
    return copy.build();
  }

  public Config withLimits(LimitsConfig newLimits) {
    Copy copy = new Copy(this);
    copy.limits = newLimits;
    return copy.build();
  }

  public Config withDataDir(Path dataDir) {
    return withDatabase(
        new DatabaseConfig(
            dataDir,
            database.externalUrl(),
            database.user(),
            database.password(),
            database.poolSize(),
            database.durable()));
  }

  /**
   * A changeable copy of a config, so that each {@code withX} names only the part it replaces
   * instead of repeating every component.
   */
  private static final class Copy {
    String host;
    int port;
    DatabaseConfig database;
    IdentityConfig identity;
    PoolConfig pools;
    EngineConfig engine;
    Optional<WebhookConfig> webhook;
    OrderConfig orders;
    MetricsConfig metrics;
    EventConfig events;
    IdempotencyConfig idempotency;
    NotifyConfig notifications;
    LimitsConfig limits;

    Copy(Config from) {
      host = from.host;
      port = from.port;
      database = from.database;
      identity = from.identity;
      pools = from.pools;
      engine = from.engine;
      webhook = from.webhook;
      orders = from.orders;
      metrics = from.metrics;
      events = from.events;
      idempotency = from.idempotency;
      notifications = from.notifications;
      limits = from.limits;
    }

    Config build() {
      return new Config(
          host,
          port,
          database,
          identity,
          pools,
          engine,
          webhook,
          orders,
          metrics,
          events,
          idempotency,
          notifications,
          limits);
    }
  }

  /** Typed reads of environment variables that fail with the variable's name. */
  record EnvironmentReader(Map<String, String> env) {

    Optional<String> optional(String name) {
      return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    String string(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    int integer(String name, int fallback) {
      return optional(name).map(v -> parse(name, v)).orElse(fallback);
    }

    /** An integer of at least {@code min}. */
    int integer(String name, int fallback, int min) {
      int value = integer(name, fallback);
      if (value < min) {
        throw new InvalidConfigException(name + " must be at least " + min + ", not " + value);
      }
      return value;
    }

    /** A non-negative ISO-8601 duration such as {@code PT2S} or {@code P30D}. */
    Duration duration(String name, Duration fallback) {
      return optional(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    /** A duration as {@link #duration}, longer than zero. */
    Duration positiveDuration(String name, Duration fallback) {
      Duration duration = duration(name, fallback);
      if (duration.isZero()) {
        throw new InvalidConfigException(name + " must be longer than zero");
      }
      return duration;
    }

    private static Duration parseDuration(String name, String value) {
      try {
        Duration duration = Duration.parse(value);
        if (!duration.isNegative()) {
          return duration;
        }
      } catch (DateTimeParseException e) {
        // reported below, with the variable's name
      }
      throw new InvalidConfigException(
          name + " must be an ISO-8601 duration such as PT2S or P30D, not '" + value + "'");
    }

    private static int parse(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new InvalidConfigException(name + " must be an integer, not '" + value + "'");
      }
    }
  }
}
