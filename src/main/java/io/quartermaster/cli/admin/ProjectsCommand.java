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
import io.quartermaster.cli.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm projects}: projects, for admins. */
@Command(
    name = "projects",
    description = "List, show and create projects (admins only).",
    mixinStandardHelpOptions = true,
    subcommands = {
      ProjectsCommand.ListProjects.class,
      ProjectsCommand.Show.class,
      ProjectsCommand.Create.class
    })
public final class ProjectsCommand extends Group {

  static final List<Column> COLUMNS =
      List.of(
          Column.at("NAME", "/name"),
          Column.at("ID", "/id"),
          Column.state("ENABLED", p -> p.path("enabled").asText()),
          Column.at("DESCRIPTION", "/description"));

  @Command(
      name = "list",
      aliases = "ls",
      description = "List projects.",
      mixinStandardHelpOptions = true)
  static final class ListProjects implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;
    private final CliContext context;

    ListProjects(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm projects").client();
      ServiceClient.Response answer = service.call("GET", "/v3/projects", Map.of(), null, null);
      List<JsonNode> projects = new ArrayList<>();
      answer.requireJson().path("projects").forEach(projects::add);
      new Printer(context, client.style())
          .list(output.format(), answer.body(), "projects", projects, COLUMNS, COLUMNS);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      aliases = "get",
      description = "Show a project by name.",
      mixinStandardHelpOptions = true)
  static final class Show implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME")
    String name;

    private final CliContext context;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm projects").client();
      JsonNode project = new Directory(service).project(name);
      ObjectNode body = ClientJson.object().set("project", project);
      new Printer(context, client.style())
          .details(output.format(), body.toString(), project, COLUMNS);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "create",
      description = "Create a project.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = "  qm projects create vision-team --description 'GPU pools of the vision team'")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    private final CliContext context;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServiceClient service = client.session().requireToken("qm projects").client();
      ObjectNode body = ClientJson.object();
      ObjectNode project = body.putObject("project").put("name", name);
      if (description != null) {
        project.put("description", description);
      }
      ServiceClient.Response answer = service.post("/v3/projects", body);
      String id = answer.requireJson().path("project").path("id").asText();
      return Admin.report(context, client, output, answer, "project " + name + " created: " + id);
    }
  }
}
