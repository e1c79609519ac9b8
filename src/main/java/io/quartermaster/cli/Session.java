package io.quartermaster.cli;

/**
 * A logged-in profile, ready to call the service.
 *
 * @param profileName the profile's name in the config file
 */
public record Session(String profileName, Profile profile, ServiceClient client) {

  /** For commands the service answers only with a token (identity and access keys). */
  public Session requireToken(String command) {
    if (!profile.hasToken()) {
      throw CliException.auth(
          command
              + " needs a password login, and profile "
              + profileName
              + " signs with an access key; run qm login --profile NAME --user USER for one");
    }
    return this;
  }
}
