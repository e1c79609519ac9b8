package io.quartermaster.cli.auth;

import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientConfig;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ConfigStore;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Profile;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code qm logout}: removes the profile's token or access key from the config file; the endpoint
 * and names stay, so that {@code qm login} needs only the password again.
 */
@Command(
    name = "logout",
    description = "Remove the profile's token or access key from the config file.",
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
      store.write(config.with(name, profile.get().loggedOut()));
      context
          .out()
          .println(
              "Logged out of profile "
                  + name
                  + (profile.get().hasToken()
                      ? " (the service cannot revoke tokens; this one lapses at "
                          + profile.get().tokenExpiresAt()
                          + ")."
                      : "; the access key itself stays active: qm keys delete removes it."));
    }
    context.out().flush();
    return ExitCodes.OK;
  }
}
