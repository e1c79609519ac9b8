package io.quartermaster.app;

import io.quartermaster.testing.TestServer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests over every route of the role table ({@link RolesOnEveryEndpointTest}) against
 * the real server: malformed, deeply nested and duplicate-keyed JSON, wrong types, huge and unicode
 * strings, odd and repeated query parameters, bad and foreign credentials, other projects' ids,
 * path tricks, odd methods and media types. No answer may be a 5xx, every error is in the
 * contract's format with the status of its code, every answer is as the OpenAPI document says, and
 * a refused request changes nothing in the database ({@link FuzzOracle}). The seed is fixed so that
 * every run sends the same requests; {@code bench/fuzz.sh} runs the same generators for longer.
 */
class FuzzEveryRouteTest {

  private static FuzzOracle oracle;

  @BeforeContainer
  static void world() {
    oracle = new FuzzOracle(FuzzWorld.create(TestServer.get()));
  }

  @AfterContainer
  static void report() {
    System.out.println("fuzz: " + oracle.sent() + " requests, statuses " + oracle.statusesSeen());
  }

  @Property(tries = 2000, seed = "20261204", shrinking = ShrinkingMode.BOUNDED)
  void everyRouteAnswersWithinTheContractAndRefusalsChangeNothing(
      @ForAll("requests") FuzzPlan plan) {
    oracle.check(plan);
  }

  @Provide
  Arbitrary<FuzzPlan> requests() {
    return FuzzGenerators.plans();
  }
}
