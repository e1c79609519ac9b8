package io.quartermaster.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientConfig;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.ConfigStore;
import io.quartermaster.cli.Credentials;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Profile;
import io.quartermaster.cli.Prompts;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.ServiceErrors;
import io.quartermaster.cli.Times;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qm login}: a token for a user's password, or an access key, stored in a profile of the
 * config file. What is not given is taken from the profile's last login, so that logging in again
 * after a token expired is {@code qm login} and the password.
 */
@Command(
    name = "login",
    description = {
      "Log in and store the credentials in a profile of $XDG_CONFIG_HOME/quartermaster/config"
          + " (mode 0600).",
      "With a password (asked without echo, or --password-stdin) the profile holds a token; with"
          + " --access-key every request is signed with the key, as the official SDKs sign."
    },
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  qm login --endpoint http://qm.example:8080 --project vision-team --user alice",
      "  echo \"$PASSWORD\" | qm login --user alice --project vision-team --password-stdin",
      "  echo \"$SK\" | qm login --profile ci --access-key \"$AK\" --project $PROJECT_ID"
          + " --password-stdin",
      "  qm login                      # again, after the token expired"
    })
public final class LoginCommand implements Callable<Integer> {

  private static final Pattern PROJECT_ID = Pattern.compile("[0-9a-f]{32}");

  @Mixin ClientOptions client;

  @Option(names = "--user", paramLabel = "NAME", description = "The user (default: the profile's).")
  String user;

  @Option(
      names = "--project",
      paramLabel = "PROJECT",
      description =
          "The project's name or id (default: the profile's, else default); with --access-key its"
              + " id.")
  String project;

  @Option(
      names = {"--password-stdin", "--secret-key-stdin"},
      description = "Read the password (with --access-key: the secret key) from standard input.")
  boolean fromStdin;

  @Option(
      names = "--access-key",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "AK",
      description = "Log in with this access key (asked for when left out) instead of a password.")
  String accessKey;

  private final CliContext context;

  LoginCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ConfigStore store = client.store();
    ClientConfig config = store.read();
    String name = client.profileName(config);
    Optional<Profile> before = config.profile(name);
    String endpoint =
        client
            .endpointOverride()
            .or(() -> before.map(Profile::endpoint))
            .orElse(ClientOptions.DEFAULT_ENDPOINT);
    Profile profile =
        accessKey != null ? withAccessKey(endpoint, before) : withPassword(endpoint, before);
    ClientConfig saved = config.with(name, profile);
    store.write(saved.current() == null ? saved.withCurrent(name) : saved);
    context.out().println(welcome(profile, name));
    context.out().flush();
    return ExitCodes.OK;
  }

  private Profile withPassword(String endpoint, Optional<Profile> before) {
    String userName =
        Optional.ofNullable(user)
            .or(() -> before.map(Profile::userName))
            .orElseGet(() -> Prompts.line(context, "User", "--user"));
    String projectRef =
        Optional.ofNullable(project)
            .or(() -> before.map(Profile::projectName))
            .orElse(ClientConfig.DEFAULT_PROFILE);
    String password =
        Prompts.secret(
            context, fromStdin, "Password for " + userName + " at " + endpoint, "--password-stdin");
    ObjectNode body = ClientJson.object();
    ObjectNode auth = body.putObject("auth");
    ObjectNode identity = auth.putObject("identity");
    identity.putArray("methods").add("password");
    ObjectNode userNode = identity.putObject("password").putObject("user");
    userNode.put("name", userName).put("password", password);
    userNode.putObject("domain").put("name", "default");
    ObjectNode scope = auth.putObject("scope").putObject("project");
    scope.put(PROJECT_ID.matcher(projectRef).matches() ? "id" : "name", projectRef);
    ServiceClient anonymous = new ServiceClient(endpoint, null, new Credentials.None(), "qm login");
    ServiceClient.Response answer =
        anonymous.send("POST", "/v3/auth/tokens", Map.of(), body, "application/json");
    if (answer.status() >= 300) {
      throw refused(answer, userName + " in project " + projectRef, endpoint);
    }
    JsonNode token = answer.requireJson().path("token");
    String subjectToken =
        answer
            .header("X-Subject-Token")
            .orElseThrow(() -> CliException.server(endpoint + " issued no X-Subject-Token"));
    return new Profile(
        endpoint,
        ClientJson.textOrEmpty(token, "/project/id"),
        ClientJson.textOrEmpty(token, "/project/name"),
        ClientJson.textOrEmpty(token, "/user/name"),
        ClientJson.textOrEmpty(token, "/user/id"),
        ClientJson.textOrEmpty(token, "/roles/0/name"),
        subjectToken,
        ClientJson.textOrEmpty(token, "/expires_at"),
        null,
        null);
  }

  private Profile withAccessKey(String endpoint, Optional<Profile> before) {
    String projectId =
        Optional.ofNullable(project)
            .or(() -> before.map(Profile::projectId))
            .orElseThrow(
                () -> CliException.usage("--project PROJECT_ID is required with --access-key"));
    if (!PROJECT_ID.matcher(projectId).matches()) {
      throw CliException.usage(
          "with --access-key, --project takes the project's id (32 hex characters; qm whoami"
              + " shows it), not "
              + projectId);
    }
    String ak =
        accessKey.isEmpty() ? Prompts.line(context, "Access key", "--access-key AK") : accessKey;
    String sk = Prompts.secret(context, fromStdin, "Secret key", "--secret-key-stdin");
    Credentials.AccessKey credentials =
        new Credentials.AccessKey(ak, sk, projectId, context.clock());
    ServiceClient signed = new ServiceClient(endpoint, projectId, credentials, "qm login");
    // A signed read proves key, secret and project before anything is stored.
    ServiceClient.Response answer =
        signed.send("GET", signed.v1("resourceflavors"), Map.of(), null, null);
    if (answer.status() >= 300) {
      throw refused(answer, "access key " + ak + " in project " + projectId, endpoint);
    }
    Optional<Profile> same = before.filter(p -> projectId.equals(p.projectId()));
    return new Profile(
        endpoint,
        projectId,
        same.map(Profile::projectName).orElse(null),
        null,
        null,
        null,
        null,
        null,
        ak,
        sk);
  }

  /** A refused login says whose and where; other failures as any command's. */
  private static CliException refused(ServiceClient.Response answer, String who, String endpoint) {
    if (answer.status() == 401) {
      return CliException.auth(
          "login of " + who + " at " + endpoint + " refused: " + ServiceErrors.describe(answer));
    }
    return ServiceErrors.of(answer, "qm login");
  }

  private String welcome(Profile profile, String name) {
    if (profile.hasAccessKey()) {
      return "Logged in to "
          + profile.endpoint()
          + " with access key "
          + profile.accessKey()
          + " for project "
          + profile.projectId()
          + " (profile "
          + name
          + ").";
    }
    String until =
        profile
            .expiresAt()
            .map(Instant::toEpochMilli)
            .map(ms -> "; the token is valid until " + Times.local(ms, context.clock()))
            .orElse("");
    return "Logged in to "
        + profile.endpoint()
        + " as "
        + profile.userName()
        + " ("
        + profile.role()
        + " in project "
        + profile.projectName()
        + ")"
        + until
        + " (profile "
        + name
        + ").";
  }
}
