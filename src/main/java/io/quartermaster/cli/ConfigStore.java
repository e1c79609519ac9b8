package io.quartermaster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes the config file. It holds tokens and secret keys, so it is only ever written
 * with mode 0600 (its directory 0700), through a temporary file renamed into place: a reader never
 * sees half a file, and a crash never leaves one.
 */
public final class ConfigStore {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path file;

  public ConfigStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The config, or an empty one when there is no file yet. */
  public ClientConfig read() {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return ClientConfig.empty();
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
    try {
      ClientConfig config = ClientJson.mapper().readValue(text, ClientConfig.class);
      return config == null ? ClientConfig.empty() : config;
    } catch (JsonProcessingException e) {
      throw CliException.usage(
          file + " is not a config file qm can read (" + e.getOriginalMessage() + ")");
    }
  }

  public void write(ClientConfig config) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      }
      Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid());
      Files.deleteIfExists(temp);
      try {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        throw new IOException("another qm is writing " + temp, e);
      }
      Files.writeString(
          temp,
          ClientJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      // A file that existed before with a wider mode is narrowed too.
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** Whether anyone but the owner may read the file (someone widened its mode by hand). */
  public boolean readableByOthers() {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      return mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
