package io.quartermaster.identity;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The identity feature, assembled: the {@code /v3} APIs (tokens, projects, users, roles) and the
 * access control that the {@code /v1} and {@code /v2} APIs are written against.
 */
public final class Identity {

  private final AccessControl accessControl;
  private final List<HttpService> httpServices;

  private Identity(AccessControl accessControl, List<HttpService> httpServices) {
    this.accessControl = accessControl;
    this.httpServices = List.copyOf(httpServices);
  }

  /** Bootstraps the database when it has no users yet, then builds the feature's parts. */
  public static Identity start(Jdbi jdbi, IdentityConfig config, Clock clock) {
    PasswordHasher passwords = new PasswordHasher(config.passwordIterations());
    new Bootstrap(jdbi, passwords, clock, System.out).run(config.adminPassword());
    TokenAccessControl access = new TokenAccessControl(jdbi, clock);
    IdentityAdmin admin = new IdentityAdmin(jdbi, passwords, clock);
    return new Identity(
        access,
        List.of(
            new AuthTokensHttpService(new TokenIssuer(jdbi, passwords, config.tokenTtl(), clock)),
            new ProjectsHttpService(admin, access),
            new UsersHttpService(admin, access),
            new RoleAssignmentsHttpService(admin, access)));
  }

  public AccessControl accessControl() {
    return accessControl;
  }

  public List<HttpService> httpServices() {
    return httpServices;
  }
}
