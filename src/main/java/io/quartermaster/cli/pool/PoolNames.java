package io.quartermaster.cli.pool;

/**
 * Pool names as users type them: the display name ({@code pool-vision}) or the full {@code
 * metadata.name} ({@code pool-vision-{project id}}); the API's paths want the latter.
 */
final class PoolNames {

  private PoolNames() {}

  static String resolve(String name, String projectId) {
    String suffix = "-" + projectId;
    return name.endsWith(suffix) ? name : name + suffix;
  }
}
