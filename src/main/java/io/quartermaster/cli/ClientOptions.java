package io.quartermaster.cli;

import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every client command takes: which profile, which endpoint, whether to colour. Mixed
 * into each command, so that they go after the command's name ({@code qm orders list --profile
 * ci}).
 */
public final class ClientOptions {

  public static final String DEFAULT_ENDPOINT = "http://localhost:8080";

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Profile of the config file to use (env QM_PROFILE; default: the current one).")
  String profile;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "The service's URL, over the profile's (env QM_ENDPOINT; default "
              + DEFAULT_ENDPOINT
              + ").")
  String endpoint;

  @Option(names = "--no-color", description = "No colour even on a terminal (also env NO_COLOR).")
  boolean noColour;

  private final CliContext context;

  ClientOptions(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  public ConfigStore store() {
    return new ConfigStore(context.configFile());
  }

  /** {@code --profile}, else {@code QM_PROFILE}, else the config's current profile. */
  public String profileName(ClientConfig config) {
    return Optional.ofNullable(profile)
        .or(() -> context.env("QM_PROFILE"))
        .orElseGet(config::currentOrDefault);
  }

  /** {@code --endpoint}, else {@code QM_ENDPOINT}, when either is given; checked and trimmed. */
  public Optional<String> endpointOverride() {
    return Optional.ofNullable(endpoint).or(() -> context.env("QM_ENDPOINT")).map(Endpoints::check);
  }

  public Style style() {
    return Style.of(context, noColour);
  }

  /** What to run to log this profile in again. */
  public String loginCommand(ClientConfig config, String name) {
    return name.equals(config.currentOrDefault()) ? "qm login" : "qm login --profile " + name;
  }

  /** The selected profile, logged in, with a client for its endpoint and credentials. */
  public Session session() {
    ConfigStore store = store();
    ClientConfig config = store.read();
    String name = profileName(config);
    String login = loginCommand(config, name);
    Profile stored =
        config
            .profile(name)
            .filter(Profile::loggedIn)
            .orElseThrow(
                () -> CliException.auth("not logged in (profile " + name + "); run " + login));
    if (store.readableByOthers()) {
      context
          .err()
          .println(
              "qm: warning: "
                  + store.file()
                  + " holds secrets and others can read it; run chmod 600 "
                  + store.file());
    }
    Profile profile = endpointOverride().map(stored::withEndpoint).orElse(stored);
    Optional<Instant> expires = profile.expiresAt();
    if (profile.hasToken()
        && expires.isPresent()
        && !context.clock().instant().isBefore(expires.get())) {
      throw CliException.auth(
          "the token of profile " + name + " expired at " + expires.get() + "; run " + login);
    }
    Credentials credentials =
        profile.hasToken()
            ? new Credentials.Token(profile.token())
            : new Credentials.AccessKey(
                profile.accessKey(), profile.secretKey(), profile.projectId(), context.clock());
    return new Session(
        name,
        profile,
        new ServiceClient(profile.endpoint(), profile.projectId(), credentials, login));
  }
}
