package io.quartermaster.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a client command touches besides the service: the environment, the standard streams,
 * the clock and the console. Commands get it through their constructor (see {@link
 * CommandFactory}), so that tests run them in-process with streams and an environment of their own.
 *
 * @param terminal whether standard input and output are a terminal: colour, progress bars and
 *     prompts only then
 * @param console where passwords are asked for without echo; empty when there is no terminal
 */
public record CliContext(
    Map<String, String> env,
    InputStream in,
    PrintWriter out,
    PrintWriter err,
    Clock clock,
    boolean terminal,
    Optional<Console> console) {

  public CliContext {
    env = Map.copyOf(env);
  }

  /** The process's own environment, streams, clock and console. */
  public static CliContext system() {
    Console console = System.console();
    boolean terminal = console != null && isTerminal(console);
    return new CliContext(
        System.getenv(),
        System.in,
        new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true),
        new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true),
        Clock.systemDefaultZone(),
        terminal,
        terminal ? Optional.of(console) : Optional.empty());
  }

  /** A variable of the environment, when it is set and not blank. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }

  /** {@code $XDG_CONFIG_HOME/quartermaster/config}, by default under {@code ~/.config}. */
  public Path configFile() {
    Path base =
        env("XDG_CONFIG_HOME")
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(env("HOME").orElse(System.getProperty("user.home")))
                        .resolve(".config"));
    return base.resolve("quartermaster").resolve("config");
  }

  /**
   * Java 21 has a console only on a terminal; from Java 22 on there is one on a pipe too, and only
   * {@code Console.isTerminal()} (absent in 21, hence by reflection) tells.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
