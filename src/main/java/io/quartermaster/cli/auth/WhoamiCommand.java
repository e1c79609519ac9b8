package io.quartermaster.cli.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.Column;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.Profile;
import io.quartermaster.cli.Session;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code qm whoami}: who the profile acts as, where, and whether the service still accepts its
 * credentials (a signed or token read of the flavor catalog, which every role may make).
 */
@Command(
    name = "whoami",
    description = "Show the profile's user, project, role and endpoint, checked with the service.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  qm whoami", "  qm whoami -o json | jq -r .projectId"})
public final class WhoamiCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  private final CliContext context;

  WhoamiCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Session session = client.session();
    session.client().get(session.client().v1("resourceflavors"));
    ObjectNode me = describe(session.profileName(), session.profile());
    new Printer(context, client.style()).details(output.format(), me.toString(), me, FIELDS);
    return ExitCodes.OK;
  }

  private static final List<Column> FIELDS =
      List.of(
          Column.at("Profile", "/profile"),
          Column.at("Endpoint", "/endpoint"),
          Column.at("User", "/userName"),
          Column.at("User id", "/userId"),
          Column.at("Project", "/projectName"),
          Column.at("Project id", "/projectId"),
          Column.at("Role", "/role"),
          Column.at("Authentication", "/authentication"),
          Column.at("Token expires", "/tokenExpiresAt"));

  /** The profile without its secrets. */
  static ObjectNode describe(String name, Profile profile) {
    ObjectNode me = ClientJson.object().put("profile", name);
    me.put("endpoint", profile.endpoint());
    putIfSet(me, "userName", profile.userName());
    putIfSet(me, "userId", profile.userId());
    putIfSet(me, "projectName", profile.projectName());
    putIfSet(me, "projectId", profile.projectId());
    putIfSet(me, "role", profile.role());
    me.put("authentication", profile.authentication());
    putIfSet(me, "tokenExpiresAt", profile.tokenExpiresAt());
    return me;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }
}
