package io.quartermaster.app;

import io.quartermaster.app.FuzzBodies.Body;
import io.quartermaster.app.FuzzBodies.Kind;
import io.quartermaster.app.FuzzBodies.Mutation;
import io.quartermaster.app.FuzzBodies.Operation;
import io.quartermaster.app.FuzzPlan.Caller;
import io.quartermaster.app.FuzzPlan.Credential;
import io.quartermaster.app.FuzzPlan.Headers;
import io.quartermaster.app.FuzzPlan.IdChoice;
import io.quartermaster.app.FuzzPlan.Param;
import io.quartermaster.app.FuzzPlan.PathTrick;
import io.quartermaster.app.FuzzPlan.ProjectChoice;
import io.quartermaster.app.FuzzPlan.Target;
import io.quartermaster.app.FuzzText.Encoding;
import io.quartermaster.app.RolesOnEveryEndpointTest.Endpoint;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generators of {@link FuzzPlan}s over the routes of {@link RolesOnEveryEndpointTest}. Most
 * requests carry a valid caller and differ from a valid request in one or two places, so that they
 * get past authentication and reach the validation and the handlers behind it.
 */
final class FuzzGenerators {

  private FuzzGenerators() {}

  static Arbitrary<FuzzPlan> plans() {
    Arbitrary<Endpoint> endpoints = Arbitraries.of(RolesOnEveryEndpointTest.endpoints());
    return endpoints.flatMap(
        endpoint ->
            Combinators.combine(
                    Arbitraries.just(endpoint),
                    methods(),
                    credentials(),
                    targets(),
                    query(),
                    headers(),
                    bodies(endpoint.body().get() != null))
                .as(FuzzPlan::new));
  }

  /** Null for the route's own method, most of the time. */
  private static Arbitrary<String> methods() {
    return Arbitraries.of(
            "GET",
            "HEAD",
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
            "OPTIONS",
            "TRACE",
            "get",
            "Post",
            "FOO",
            "PROPFIND",
            "M-SEARCH",
            "QM-ANY-METHOD-PROBE")
        .injectNull(0.8);
  }

  private static Arbitrary<Credential> credentials() {
    Arbitrary<Caller> callers =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(Caller.VIEWER)),
            Tuple.of(25, Arbitraries.just(Caller.MEMBER)),
            Tuple.of(12, Arbitraries.just(Caller.ADMIN)),
            Tuple.of(6, Arbitraries.just(Caller.FOREIGN_MEMBER)),
            Tuple.of(10, Arbitraries.just(Caller.MEMBER_KEY)),
            Tuple.of(3, Arbitraries.just(Caller.KEY_WITH_WRONG_SECRET)),
            Tuple.of(5, Arbitraries.just(Caller.NONE)),
            Tuple.of(5, Arbitraries.just(Caller.JUNK_TOKEN)),
            Tuple.of(3, Arbitraries.just(Caller.TRUNCATED_TOKEN)),
            Tuple.of(3, Arbitraries.just(Caller.TWO_TOKENS)),
            Tuple.of(2, Arbitraries.just(Caller.BEARER_TOKEN)),
            Tuple.of(3, Arbitraries.just(Caller.JUNK_SIGNATURE)));
    return Combinators.combine(callers, FuzzText.headerJunk()).as(Credential::new);
  }

  private static Arbitrary<Target> targets() {
    Arbitrary<ProjectChoice> projects =
        Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.just(ProjectChoice.OWN)),
            Tuple.of(15, Arbitraries.just(ProjectChoice.OTHER)),
            Tuple.of(10, Arbitraries.just(ProjectChoice.GHOST)),
            Tuple.of(15, Arbitraries.just(ProjectChoice.MALFORMED)));
    Arbitrary<IdChoice> ids =
        Arbitraries.frequencyOf(
            Tuple.of(55, Arbitraries.just(IdChoice.MATCHING)),
            Tuple.of(15, Arbitraries.just(IdChoice.CROSSED)),
            Tuple.of(10, Arbitraries.just(IdChoice.MISSING)),
            Tuple.of(20, Arbitraries.just(IdChoice.JUNK)));
    Arbitrary<List<PathTrick>> tricks =
        Arbitraries.frequencyOf(
            Tuple.of(75, Arbitraries.just(List.<PathTrick>of())),
            Tuple.of(25, Arbitraries.of(PathTrick.class).list().ofMinSize(1).ofMaxSize(2)));
    return Combinators.combine(
            projects,
            FuzzText.junk(),
            ids,
            FuzzText.junk(),
            encodings(),
            tricks,
            Arbitraries.integers().between(0, 1000))
        .as(Target::new);
  }

  private static Arbitrary<Encoding> encodings() {
    return Arbitraries.frequencyOf(
        Tuple.of(60, Arbitraries.just(Encoding.PERCENT)),
        Tuple.of(30, Arbitraries.just(Encoding.RAW)),
        Tuple.of(10, Arbitraries.just(Encoding.DOUBLE)));
  }

  private static final List<String> PARAMETERS =
      List.of(
          "limit",
          "offset",
          "marker",
          "workspaceId",
          "involvedName",
          "since",
          "until",
          "phase",
          "result",
          "resource",
          "format",
          "labelSelector",
          "status",
          "continue",
          "after",
          "user_id",
          "name");

  private static Arbitrary<List<Param>> query() {
    Arbitrary<String> names =
        Arbitraries.frequencyOf(
            Tuple.of(75, Arbitraries.of(PARAMETERS)), Tuple.of(25, FuzzText.junk()));
    Arbitrary<String> values =
        Arbitraries.frequencyOf(
            Tuple.of(
                30,
                Arbitraries.of(
                    "0",
                    "1",
                    "-1",
                    "100",
                    "499",
                    "500",
                    "501",
                    "1700000000000",
                    "99999999999999",
                    "9223372036854775808",
                    "1.5",
                    "1e3",
                    " 7",
                    "0x1f",
                    "")),
            Tuple.of(
                10,
                Arbitraries.of(
                    "pending",
                    "running",
                    "processing",
                    "successed",
                    "failed",
                    "PENDING",
                    "pools",
                    "created",
                    "creating",
                    "csv",
                    "ndjson",
                    "json",
                    "0",
                    "fuzz-1")),
            Tuple.of(55, FuzzText.junk()),
            Tuple.of(5, Arbitraries.just((String) null)));
    Arbitrary<Param> params = Combinators.combine(names, values, encodings()).as(Param::new);
    return Arbitraries.frequencyOf(
        Tuple.of(35, Arbitraries.just(List.<Param>of())),
        Tuple.of(65, params.list().ofMinSize(1).ofMaxSize(6)));
  }

  private static Arbitrary<Headers> headers() {
    Arbitrary<String> contentTypes =
        Arbitraries.frequencyOf(
            Tuple.of(50, Arbitraries.just("application/json")),
            Tuple.of(10, Arbitraries.just((String) null)),
            Tuple.of(
                30,
                Arbitraries.of(
                    "application/json; charset=utf-8",
                    "application/merge-patch+json",
                    "APPLICATION/JSON",
                    "application/json; charset=latin1",
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/json, text/plain",
                    ";;;",
                    "application/",
                    "*/*",
                    "")),
            Tuple.of(10, FuzzText.headerJunk()));
    Arbitrary<String> accepts =
        Arbitraries.frequencyOf(
                Tuple.of(
                    70,
                    Arbitraries.of(
                        "*/*",
                        "application/json",
                        "text/csv",
                        "application/x-ndjson",
                        "text/event-stream",
                        "text/html",
                        "application/json;q=0",
                        "application/xml, */*;q=0")),
                Tuple.of(30, FuzzText.headerJunk()))
            .injectNull(0.6);
    Arbitrary<String> requestIds =
        Arbitraries.frequencyOf(
                Tuple.of(50, Arbitraries.of("fuzz-1", "x".repeat(65), "a b", "../x")),
                Tuple.of(50, FuzzText.headerJunk()))
            .injectNull(0.7);
    Arbitrary<String> keys =
        Arbitraries.frequencyOf(
                Tuple.of(50, Arbitraries.integers().between(0, 5).map(n -> "fuzz-key-" + n)),
                Tuple.of(20, Arbitraries.of("has spaces", "", "k".repeat(65), "ключ")),
                Tuple.of(30, FuzzText.headerJunk()))
            .injectNull(0.75);
    Arbitrary<String> eventIds =
        Arbitraries.frequencyOf(
                Tuple.of(50, Arbitraries.of("0", "-1", "99999999999999999999", "1")),
                Tuple.of(50, FuzzText.headerJunk()))
            .injectNull(0.9);
    Arbitrary<String> projectHeaders =
        Arbitraries.frequencyOf(
                Tuple.of(60, Arbitraries.of("own", "other")), Tuple.of(40, FuzzText.headerJunk()))
            .injectNull(0.9);
    Arbitrary<String> extraNames =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('-')
            .ofMinLength(1)
            .ofMaxLength(20)
            .injectNull(0.9);
    return Combinators.combine(
            contentTypes,
            accepts,
            requestIds,
            keys,
            eventIds,
            projectHeaders,
            Arbitraries.frequencyOf(
                Tuple.of(95, Arbitraries.just(false)), Tuple.of(5, Arbitraries.just(true))),
            Combinators.combine(extraNames, FuzzText.headerJunk()).as(Tuple::of))
        .as(
            (type, accept, id, key, event, project, second, extra) ->
                new Headers(
                    type, accept, id, key, event, project, second, extra.get1(), extra.get2()));
  }

  private static Arbitrary<Body> bodies(boolean routeTakesBody) {
    Arbitrary<Kind> kinds =
        routeTakesBody
            ? Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Kind.NONE)),
                Tuple.of(12, Arbitraries.just(Kind.VALID)),
                Tuple.of(40, Arbitraries.just(Kind.MUTATED)),
                Tuple.of(6, Arbitraries.just(Kind.RANDOM_JSON)),
                Tuple.of(3, Arbitraries.just(Kind.NOT_AN_OBJECT)),
                Tuple.of(4, Arbitraries.just(Kind.TEXT)),
                Tuple.of(4, Arbitraries.just(Kind.TRUNCATED)),
                Tuple.of(3, Arbitraries.just(Kind.TRAILING_GARBAGE)),
                Tuple.of(2, Arbitraries.just(Kind.BYTE_ORDER_MARK)),
                Tuple.of(2, Arbitraries.just(Kind.COMMENTS_AND_QUOTES)),
                Tuple.of(3, Arbitraries.just(Kind.INVALID_UTF8)),
                Tuple.of(3, Arbitraries.just(Kind.DEEP_NESTING)),
                Tuple.of(5, Arbitraries.just(Kind.DUPLICATE_KEYS)),
                Tuple.of(2, Arbitraries.just(Kind.HUGE_STRING)),
                Tuple.of(1, Arbitraries.just(Kind.OVER_THE_LIMIT)))
            : Arbitraries.frequencyOf(
                Tuple.of(75, Arbitraries.just(Kind.NONE)),
                Tuple.of(5, Arbitraries.just(Kind.RANDOM_JSON)),
                Tuple.of(5, Arbitraries.just(Kind.TEXT)),
                Tuple.of(5, Arbitraries.just(Kind.INVALID_UTF8)),
                Tuple.of(5, Arbitraries.just(Kind.DEEP_NESTING)),
                Tuple.of(5, Arbitraries.just(Kind.HUGE_STRING)));
    Arbitrary<String> fieldNames =
        Arbitraries.frequencyOf(
            Tuple.of(
                60,
                Arbitraries.of(
                    "apiVersion",
                    "kind",
                    "metadata",
                    "labels",
                    "annotations",
                    "spec",
                    "resources",
                    "flavor",
                    "count",
                    "maxCount",
                    "azs",
                    "az",
                    "scope",
                    "type",
                    "network",
                    "os.modelarts/name",
                    "os.modelarts/billing.mode",
                    "os.modelarts/period.type",
                    "os.modelarts/period.num",
                    "os.modelarts/auto.pay",
                    "deleteNodeNames",
                    "reason",
                    "status")),
            Tuple.of(40, FuzzText.junk()));
    Arbitrary<Mutation> mutations =
        Combinators.combine(
                Arbitraries.integers().between(0, 200),
                Arbitraries.frequencyOf(
                    Tuple.of(70, Arbitraries.just(Operation.REPLACE)),
                    Tuple.of(20, Arbitraries.just(Operation.REMOVE)),
                    Tuple.of(10, Arbitraries.just(Operation.ADD_FIELD))),
                fieldNames,
                Arbitraries.integers().between(0, 1000),
                FuzzText.junk())
            .as(
                (at, op, name, pick, text) ->
                    new Mutation(at, op, name, FuzzBodies.value(pick, text)));
    return Combinators.combine(
            kinds, mutations.list().ofMinSize(1).ofMaxSize(4), Arbitraries.longs(), FuzzText.junk())
        .as(Body::new);
  }
}
