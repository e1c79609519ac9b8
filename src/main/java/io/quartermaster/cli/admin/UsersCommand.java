package io.quartermaster.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.Column;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Group;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.Prompts;
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm users}: users, for admins. */
@Command(
    name = "users",
    description = "List, create, enable, disable and delete users (admins only).",
    mixinStandardHelpOptions = true,
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.Create.class,
      UsersCommand.SetPassword.class,
      UsersCommand.Enable.class,
      UsersCommand.Disable.class,
      UsersCommand.Delete.class
    })
public final class UsersCommand extends Group {

  static final List<Column> COLUMNS =
      List.of(
          Column.at("NAME", "/name"),
          Column.at("ID", "/id"),
          Column.state("ENABLED", u -> u.path("enabled").asText()));

  @Command(
      name = "list",
      aliases = "ls",
      description = "List users.",
      mixinStandardHelpOptions = true)
  static final class ListUsers implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;
    private final CliContext context;

    ListUsers(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm users").client();
      ServiceClient.Response answer = service.call("GET", "/v3/users", Map.of(), null, null);
      List<JsonNode> users = new ArrayList<>();
      answer.requireJson().path("users").forEach(users::add);
      new Printer(context, client.style())
          .list(output.format(), answer.body(), "users", users, COLUMNS, COLUMNS);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "create",
      description = "Create a user; the password is asked for without echo.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  qm users create alice",
        "  echo \"$PASSWORD\" | qm users create alice --password-stdin",
        "  qm roles grant member --user alice --project vision-team"
      })
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean fromStdin;

    @Option(names = "--disabled", description = "Create it disabled.")
    boolean disabled;

    private final CliContext context;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm users").client();
      String password =
          Prompts.secret(context, fromStdin, "Password for " + name, "--password-stdin");
      ObjectNode body = ClientJson.object();
      body.putObject("user").put("name", name).put("password", password).put("enabled", !disabled);
      ServiceClient.Response answer = service.post("/v3/users", body);
      return Admin.report(context, client, output, answer, "user " + name + " created");
    }
  }

  @Command(
      name = "set-password",
      description = "Give a user a new password.",
      mixinStandardHelpOptions = true)
  static final class SetPassword implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean fromStdin;

    private final CliContext context;

    SetPassword(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm users").client();
      String id = new Directory(service).userId(name);
      String password =
          Prompts.secret(context, fromStdin, "New password for " + name, "--password-stdin");
      ObjectNode body = ClientJson.object();
      body.putObject("user").put("password", password);
      service.call("PATCH", "/v3/users/" + id, Map.of(), body, "application/json");
      return Admin.done(context, "user " + name + " has a new password");
    }
  }

  abstract static class Toggle implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    private final CliContext context;
    private final boolean enabled;

    Toggle(CliContext context, boolean enabled) {
      this.context = context;
      this.enabled = enabled;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm users").client();
      String id = new Directory(service).userId(name);
      ObjectNode body = ClientJson.object();
      body.putObject("user").put("enabled", enabled);
      service.call("PATCH", "/v3/users/" + id, Map.of(), body, "application/json");
      return Admin.done(context, "user " + name + (enabled ? " enabled" : " disabled"));
    }
  }

  @Command(
      name = "enable",
      description = "Let a user log in again.",
      mixinStandardHelpOptions = true)
  static final class Enable extends Toggle {
    Enable(CliContext context) {
      super(context, true);
    }
  }

  @Command(
      name = "disable",
      description = "Stop a user: their tokens and access keys stop working at once.",
      mixinStandardHelpOptions = true)
  static final class Disable extends Toggle {
    Disable(CliContext context) {
      super(context, false);
    }
  }

  @Command(
      name = "delete",
      aliases = "rm",
      description = "Delete a user.",
      mixinStandardHelpOptions = true)
  static final class Delete implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    private final CliContext context;

    Delete(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm users").client();
      String id = new Directory(service).userId(name);
      service.call("DELETE", "/v3/users/" + id, Map.of(), null, null);
      return Admin.done(context, "user " + name + " deleted");
    }
  }
}
