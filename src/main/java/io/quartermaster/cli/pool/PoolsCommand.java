package io.quartermaster.cli.pool;

import io.quartermaster.cli.Group;
import picocli.CommandLine.Command;

/** {@code qm pools}: the project's resource pools and their nodes. */
@Command(
    name = "pools",
    description = "List, show, create, scale and delete pools; list and delete their nodes.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ListPoolsCommand.class,
      ShowPoolCommand.class,
      CreatePoolCommand.class,
      ScalePoolCommand.class,
      DeletePoolCommand.class,
      ListNodesCommand.class,
      DeleteNodesCommand.class
    })
public final class PoolsCommand extends Group {}
