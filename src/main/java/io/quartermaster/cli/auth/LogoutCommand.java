package io.quartermaster.cli.auth;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientConfig;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ConfigStore;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Profile;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.ServiceErrors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code qm logout}: revokes the profile's token at the service, so that a copy of it left anywhere
 * is refused, and removes the token or access key from the config file; the endpoint and names
 * stay, so that {@code qm login} needs only the password again. The local logout happens whether or
 * not the service could be told.
 */
@Command(
    name = "logout",
    description =
        "Revoke the profile's token at the service and remove it (or the access key) from the"
            + " config file.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  qm logout", "  qm logout --profile ci"})
public final class LogoutCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  private final CliContext context;

  LogoutCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ConfigStore store = client.store();
    ClientConfig config = store.read();
    String name = client.profileName(config);
    Optional<Profile> profile = config.profile(name).filter(Profile::loggedIn);
    if (profile.isEmpty()) {
      context.out().println("Profile " + name + " is not logged in.");
    } else {
      String revoked = profile.get().hasToken() ? revoke(profile.get()) : "";
      store.write(config.with(name, profile.get().loggedOut()));
      context
          .out()
          .println(
              "Logged out of profile "
                  + name
                  + (profile.get().hasToken()
                      ? revoked
                      : "; the access key itself stays active: qm keys delete removes it."));
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  /** Asks the service to revoke the profile's token; answers how that went, for the user. */
  private String revoke(Profile profile) {
    String lapses = "; it lapses at " + profile.tokenExpiresAt() + ").";
    try {
      ServiceClient service = client.session().client();
      ServiceClient.Response answer =
          service.send(
              "DELETE",
              "/v3/auth/tokens",
              Map.of(),
              null,
              null,
              Map.of("X-Subject-Token", profile.token()));
      if (answer.status() == 204) {
        return "; its token is revoked.";
      }
      return " (the service did not revoke its token: " + ServiceErrors.describe(answer) + lapses;
    } catch (CliException e) {
      return " (the service could not be told to revoke its token: " + e.getMessage() + lapses;
    }
  }
}
