package io.quartermaster.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quartermaster.error.InvalidConfigException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code QM_LOG_LEVEL} sets the level of the service's own loggers; ServeIT runs its effect. */
class LogLevelTest {

  private final Logger service = Logger.getLogger("io.quartermaster");
  private final Level before = service.getLevel();

  @AfterEach
  void restore() {
    service.setLevel(before);
  }

  @ParameterizedTest
  @CsvSource({"warning,WARNING", "Debug,FINE", " error ,SEVERE", "trace,FINER", "off,OFF"})
  void aLevelNamedByTheVariableIsSet(String value, String level) {
    LogLevel.apply(Map.of("QM_LOG_LEVEL", value));
    assertEquals(Level.parse(level), service.getLevel());
  }

  @Test
  void withoutTheVariableTheLevelIsInfo() {
    LogLevel.apply(Map.of());
    assertEquals(Level.INFO, service.getLevel());
  }

  @Test
  void anUnknownLevelStopsTheStartNamingTheVariable() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> LogLevel.apply(Map.of("QM_LOG_LEVEL", "loud")));
    assertEquals(
        "QM_LOG_LEVEL must be one of error, warning, info, debug, trace, off, all, not 'loud'",
        e.getMessage());
  }
}
