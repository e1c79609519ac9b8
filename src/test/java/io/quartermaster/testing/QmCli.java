package io.quartermaster.testing;

import io.quartermaster.Main;
import io.quartermaster.cli.CliContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code qm} client run in-process as a user runs it, with captured streams, a config directory
 * of its own ({@code XDG_CONFIG_HOME}) and {@code QM_ENDPOINT} pointing at a server. No terminal:
 * output is what a pipe receives.
 */
public final class QmCli {

  /** What one command printed and its exit status. */
  public record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path configHome;
  private final Map<String, String> env;

  public QmCli(Path configHome, String endpoint) {
    this(configHome, Map.of("QM_ENDPOINT", endpoint));
  }

  private QmCli(Path configHome, Map<String, String> env) {
    this.configHome = configHome;
    Map<String, String> all = new HashMap<>(env);
    all.put("XDG_CONFIG_HOME", configHome.toString());
    all.put("HOME", configHome.toString());
    this.env = Map.copyOf(all);
  }

  /** A client for the shared test server, configured under {@code configHome}. */
  public static QmCli of(Path configHome) {
    return new QmCli(configHome, TestServer.get().baseUrl());
  }

  /** The same client with {@code name} set (or removed, for a null value) in its environment. */
  public QmCli withEnv(String name, String value) {
    Map<String, String> changed = new HashMap<>(env);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    return new QmCli(configHome, changed);
  }

  public Run run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code qm args} with {@code stdin} as standard input. */
  public Run runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Clock.systemDefaultZone(),
            false,
            Optional.empty());
    int exit = Main.run(context, args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Logs {@code user} in to {@code project}, the password on standard input; asserts it worked. */
  public QmCli login(String user, String password, String project) {
    Run run =
        runWithInput(
            password + "\n", "login", "--user", user, "--project", project, "--password-stdin");
    if (run.exit() != 0) {
      throw new AssertionError("login of " + user + " failed: " + run);
    }
    return this;
  }

  public Path configFile() {
    return configHome.resolve("quartermaster").resolve("config");
  }

  public String config() {
    try {
      return Files.readString(configFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
