package io.quartermaster.cli.order;

import io.quartermaster.cli.Group;
import picocli.CommandLine.Command;

/** {@code qm orders}: the project's orders. */
@Command(
    name = "orders",
    description = "List, show and watch orders; pay, cancel, approve or reject pending ones.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ListOrdersCommand.class,
      ShowOrderCommand.class,
      WatchOrderCommand.class,
      OrderActionCommand.Pay.class,
      OrderActionCommand.Cancel.class,
      OrderActionCommand.Approve.class,
      OrderActionCommand.Reject.class
    })
public final class OrdersCommand extends Group {}
