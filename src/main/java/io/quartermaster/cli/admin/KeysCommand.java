package io.quartermaster.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.Column;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.Group;
import io.quartermaster.cli.OutputFormat;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import io.quartermaster.cli.ServiceClient;
import io.quartermaster.cli.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qm keys}: access keys (AK/SK) for automation. The service answers these only to tokens, so
 * that a leaked key cannot mint more; the secret is printed once, by {@code create}.
 */
@Command(
    name = "keys",
    description = "Create, list, deactivate and delete access keys (AK/SK).",
    mixinStandardHelpOptions = true,
    subcommands = {
      KeysCommand.Create.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Activate.class,
      KeysCommand.Deactivate.class,
      KeysCommand.Delete.class
    })
public final class KeysCommand extends Group {

  static final String CREDENTIALS = "/v3.0/OS-CREDENTIAL/credentials";

  static final List<Column> COLUMNS =
      List.of(
          Column.at("ACCESS KEY", "/access"),
          Column.state("STATUS", k -> k.path("status").asText()),
          Column.at("CREATED", "/create_time"),
          Column.at("DESCRIPTION", "/description"));

  static final List<Column> CSV =
      List.of(
          Column.at("access", "/access"),
          Column.at("status", "/status"),
          Column.at("userId", "/user_id"),
          Column.at("created", "/create_time"),
          Column.at("description", "/description"));

  /** The user id whose keys to use: {@code --user NAME} (admins) or the profile's own. */
  static String userId(Session session, String userName) {
    if (userName == null) {
      return session.profile().userId();
    }
    return new Directory(session.client()).userId(userName);
  }

  @Command(
      name = "create",
      description = {
        "Create an access key; its secret is shown this once.",
        "Log in with it: qm login --profile NAME --access-key AK --project PROJECT_ID"
      },
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  qm keys create --description 'training pipeline'",
        "  qm keys create -o json > key.json && chmod 600 key.json"
      })
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = "--user", paramLabel = "NAME", description = "Another user's key (admins).")
    String user;

    private final CliContext context;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = client.session().requireToken("qm keys");
      ObjectNode body = ClientJson.object();
      ObjectNode credential = body.putObject("credential").put("user_id", userId(session, user));
      if (description != null) {
        credential.put("description", description);
      }
      ServiceClient.Response answer = session.client().post(CREDENTIALS, body);
      if (output.format() != OutputFormat.TABLE) {
        new Printer(context, client.style()).document(output.format(), answer.body());
        return ExitCodes.OK;
      }
      JsonNode key = answer.requireJson().path("credential");
      context.out().println("Access key:  " + key.path("access").asText());
      context.out().println("Secret key:  " + key.path("secret").asText());
      context.err().println("Store the secret key now: the service never shows it again.");
      context.out().flush();
      context.err().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      description = "List access keys (yours, or --user's for admins).",
      mixinStandardHelpOptions = true)
  static final class ListKeys implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;

    @Option(names = "--user", paramLabel = "NAME", description = "Another user's keys (admins).")
    String user;

    private final CliContext context;

    ListKeys(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = client.session().requireToken("qm keys");
      Map<String, String> query = new LinkedHashMap<>();
      query.put("user_id", user == null ? null : userId(session, user));
      ServiceClient.Response answer = session.client().call("GET", CREDENTIALS, query, null, null);
      List<JsonNode> keys = new ArrayList<>();
      answer.requireJson().path("credentials").forEach(keys::add);
      new Printer(context, client.style())
          .list(output.format(), answer.body(), "access keys", keys, COLUMNS, CSV);
      return ExitCodes.OK;
    }
  }

  abstract static class OneKey implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "AK", description = "The access key.")
    String accessKey;

    final CliContext context;

    OneKey(CliContext context) {
      this.context = context;
    }

    String path() {
      return CREDENTIALS + "/" + accessKey;
    }
  }

  abstract static class Status extends OneKey {
    private final String status;

    Status(CliContext context, String status) {
      super(context);
      this.status = status;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm keys").client();
      ObjectNode body = ClientJson.object();
      body.putObject("credential").put("status", status);
      service.call("PUT", path(), Map.of(), body, "application/json");
      return Admin.done(context, "access key " + accessKey + " is " + status);
    }
  }

  @Command(
      name = "activate",
      description = "Let a deactivated key sign again.",
      mixinStandardHelpOptions = true)
  static final class Activate extends Status {
    Activate(CliContext context) {
      super(context, "active");
    }
  }

  @Command(
      name = "deactivate",
      description = "Stop a key from signing, without deleting it.",
      mixinStandardHelpOptions = true)
  static final class Deactivate extends Status {
    Deactivate(CliContext context) {
      super(context, "inactive");
    }
  }

  @Command(
      name = "delete",
      aliases = "rm",
      description = "Delete an access key for good.",
      mixinStandardHelpOptions = true)
  static final class Delete extends OneKey {
    Delete(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm keys").client();
      service.call("DELETE", path(), Map.of(), null, null);
      return Admin.done(context, "access key " + accessKey + " deleted");
    }
  }
}
