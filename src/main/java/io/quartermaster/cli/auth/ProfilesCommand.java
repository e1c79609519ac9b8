package io.quartermaster.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.cli.CliContext;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ClientConfig;
import io.quartermaster.cli.ClientJson;
import io.quartermaster.cli.ClientOptions;
import io.quartermaster.cli.Column;
import io.quartermaster.cli.ConfigStore;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.OutputOption;
import io.quartermaster.cli.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code qm profiles}: the profiles of the config file, and which one is current. */
@Command(
    name = "profiles",
    description = "List the config file's profiles (the default), switch or delete one.",
    mixinStandardHelpOptions = true,
    subcommands = {ProfilesCommand.Use.class, ProfilesCommand.Delete.class},
    footerHeading = "%nExamples:%n",
    footer = {"  qm profiles", "  qm profiles use ci", "  qm profiles delete old-lab"})
public final class ProfilesCommand implements Callable<Integer> {

  @Mixin ClientOptions client;
  @Mixin OutputOption output;

  private final CliContext context;

  ProfilesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ClientConfig config = client.store().read();
    String current = client.profileName(config);
    ObjectNode document = ClientJson.object();
    document.put("current", current);
    ArrayNode profiles = document.putArray("profiles");
    config
        .profiles()
        .forEach((name, profile) -> profiles.add(WhoamiCommand.describe(name, profile)));
    List<JsonNode> rows = new ArrayList<>();
    profiles.forEach(rows::add);
    List<Column> columns =
        List.of(
            Column.of("CURRENT", p -> p.path("profile").asText().equals(current) ? "*" : " "),
            Column.at("NAME", "/profile"),
            Column.at("ENDPOINT", "/endpoint"),
            Column.at("PROJECT", "/projectName"),
            Column.at("USER", "/userName"),
            Column.at("AUTH", "/authentication"));
    new Printer(context, client.style())
        .list(output.format(), document.toString(), "profiles", rows, columns, columns);
    return ExitCodes.OK;
  }

  /** A change of the config file that names one existing profile. */
  abstract static class OneProfile implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME")
    String name;

    private final CliContext context;

    OneProfile(CliContext context) {
      this.context = context;
    }

    abstract ClientConfig change(ClientConfig config);

    abstract String done();

    @Override
    public Integer call() {
      ConfigStore store = client.store();
      ClientConfig config = store.read();
      config.profile(name).orElseThrow(() -> CliException.notFound("there is no profile " + name));
      store.write(change(config));
      context.out().println("Profile " + name + " " + done() + ".");
      context.out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "use",
      description = "Make a profile the current one.",
      mixinStandardHelpOptions = true)
  static final class Use extends OneProfile {
    Use(CliContext context) {
      super(context);
    }

    @Override
    ClientConfig change(ClientConfig config) {
      return config.withCurrent(name);
    }

    @Override
    String done() {
      return "is now the current one";
    }
  }

  @Command(
      name = "delete",
      description = "Delete a profile and its credentials from the config file.",
      mixinStandardHelpOptions = true)
  static final class Delete extends OneProfile {
    Delete(CliContext context) {
      super(context);
    }

    @Override
    ClientConfig change(ClientConfig config) {
      return config.without(name);
    }

    @Override
    String done() {
      return "deleted";
    }
  }
}
