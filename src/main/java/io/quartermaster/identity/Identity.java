package io.quartermaster.identity;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;

/**
 * The identity feature, assembled: the {@code /v3} APIs (tokens, projects, users, roles, access
 * keys) and the access control, by token or by AK/SK signature, that the {@code /v1} and {@code
 * /v2} APIs are written against.
 */
public final class Identity {

  private final AccessControl accessControl;
  private final List<HttpService> httpServices;

  private Identity(AccessControl accessControl, List<HttpService> httpServices) {
    this.accessControl = accessControl;
    this.httpServices = List.copyOf(httpServices);
  }

  /**
   * Bootstraps the database when it has no users yet, then builds the feature's parts. Without a
   * {@code serverKey} access keys are switched off (see {@link ServerKey}).
   */
  public static Identity start(
      Jdbi jdbi, IdentityConfig config, Optional<ServerKey> serverKey, Clock clock) {
    PasswordHasher passwords = new PasswordHasher(config.passwordIterations());
    Executor beside = check -> Thread.ofVirtual().name("admin-password-check").start(check);
    new Bootstrap(jdbi, passwords, clock, System.out, beside).run(config.adminPassword());
    TokenAccessControl tokens = new TokenAccessControl(jdbi, clock);
    SignatureAccessControl signatures = new SignatureAccessControl(jdbi, serverKey, clock);
    IdentityAdmin admin = new IdentityAdmin(jdbi, passwords, clock);
    LoginThrottle throttle = new LoginThrottle(jdbi, config.loginThrottle(), clock);
    return new Identity(
        new CallerAccessControl(jdbi, tokens, signatures),
        List.of(
            new AuthTokensApi(
                new TokenIssuer(jdbi, passwords, config.tokenTtl(), throttle, clock),
                new TokenRevocation(jdbi, tokens, clock)),
            new ProjectsApi(admin, tokens),
            new AuthProjectsApi(admin, tokens),
            new UsersApi(admin, tokens),
            new RoleAssignmentsApi(admin, tokens),
            new CredentialsApi(
                new AccessKeys(jdbi, serverKey, config.maxAccessKeysPerUser(), clock), tokens)));
  }

  public AccessControl accessControl() {
    return accessControl;
  }

  public List<HttpService> httpServices() {
    return httpServices;
  }
}
