package io.quartermaster.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.Column;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Group;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm roles}: a user's roles in a project, for admins. */
@Command(
    name = "roles",
    description = "Grant, revoke and list a user's roles in a project (admins only).",
    mixinStandardHelpOptions = true,
    subcommands = {
      RolesCommand.Grant.class,
      RolesCommand.Revoke.class,
      RolesCommand.ListRoles.class
    })
public final class RolesCommand extends Group {

  /** The user and project every role command names. */
  static final class Target {
    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user.")
    String user;

    @Option(names = "--project", required = true, paramLabel = "NAME", description = "The project.")
    String project;

    String path(ServiceClient service) {
      Directory directory = new Directory(service);
      String userId = directory.userId(user);
      String projectId = directory.project(project).path("id").asText();
      return ServiceClient.path("v3", "projects", projectId, "users", userId, "roles");
    }
  }

  static final class RoleNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("viewer", "member", "admin").iterator();
    }
  }

  abstract static class Change implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin Target target;

    @Parameters(
        paramLabel = "ROLE",
        completionCandidates = RoleNames.class,
        description = "viewer, member or admin.")
    String role;

    private final CliContext context;
    private final String method;
    private final String done;

    Change(CliContext context, String method, String done) {
      this.context = context;
      this.method = method;
      this.done = done;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm roles").client();
      service.call(method, target.path(service) + "/" + role, Map.of(), null, null);
      return Admin.done(
          context,
          "role " + role + " " + done + " " + target.user + " in project " + target.project);
    }
  }

  @Command(
      name = "grant",
      description = "Give a user a role in a project.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm roles grant member --user alice --project vision-team")
  static final class Grant extends Change {
    Grant(CliContext context) {
      super(context, "PUT", "granted to");
    }
  }

  @Command(
      name = "revoke",
      description = "Take a role in a project away from a user.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm roles revoke member --user alice --project vision-team")
  static final class Revoke extends Change {
    Revoke(CliContext context) {
      super(context, "DELETE", "revoked from");
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      description = "List a user's roles in a project.",
      mixinStandardHelpOptions = true)
  static final class ListRoles implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;
    @Mixin Target target;

    private final CliContext context;

    ListRoles(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm roles").client();
      ServiceClient.Response answer =
          service.call("GET", target.path(service), Map.of(), null, null);
      List<JsonNode> roles = new ArrayList<>();
      answer.requireJson().path("roles").forEach(roles::add);
      List<Column> columns = List.of(Column.at("ROLE", "/name"));
      new Printer(context, client.style())
          .list(output.format(), answer.body(), "roles", roles, columns, columns);
      return ExitCodes.OK;
    }
  }
}
