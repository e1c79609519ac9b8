package io.quartermaster.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates picocli's commands and mixins, handing the {@link CliContext} to those whose constructor
 * takes one; everything else is made as picocli makes it.
 */
public final class CommandFactory implements CommandLine.IFactory {

  private final CliContext context;

  public CommandFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    withContext.setAccessible(true);
    return withContext.newInstance(context);
  }
}
