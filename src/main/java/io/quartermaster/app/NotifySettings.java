package io.quartermaster.app;

import io.quartermaster.error.InvalidConfigException;
import io.quartermaster.notify.AllowedHosts;
import io.quartermaster.notify.NotifyConfig;
import java.time.Duration;

/** Reads the outgoing notifications' {@code QM_NOTIFY_*} settings and the allowed targets. */
final class NotifySettings {

  private NotifySettings() {}

  static NotifyConfig read(Config.EnvironmentReader read) {
    Duration backoff = read.positiveDuration("QM_NOTIFY_BACKOFF", NotifyConfig.DEFAULT_BACKOFF);
    Duration maxBackoff =
        read.positiveDuration("QM_NOTIFY_MAX_BACKOFF", NotifyConfig.DEFAULT_MAX_BACKOFF);
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new InvalidConfigException(
          "QM_NOTIFY_MAX_BACKOFF must not be shorter than QM_NOTIFY_BACKOFF");
    }
    return new NotifyConfig(
        AllowedHosts.parse(read.string("QM_WEBHOOK_ALLOWED_HOSTS", "")),
        read.integer("QM_NOTIFY_ATTEMPTS", NotifyConfig.DEFAULT_MAX_ATTEMPTS, 1),
        backoff,
        maxBackoff,
        read.positiveDuration("QM_NOTIFY_TIMEOUT", NotifyConfig.DEFAULT_TIMEOUT),
        read.positiveDuration("QM_NOTIFY_POLL_INTERVAL", NotifyConfig.DEFAULT_POLL_INTERVAL),
        read.integer("QM_NOTIFY_WORKERS", NotifyConfig.DEFAULT_WORKERS, 1));
  }
}
