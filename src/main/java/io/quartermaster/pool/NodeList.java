package io.quartermaster.pool;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The vendor's NodeList, as ListNodes answers it. */
record NodeList(String apiVersion, String kind, Map<String, Object> metadata, List<Node> items) {

  record Node(String apiVersion, String kind, Metadata metadata, Spec spec, Status status) {

    static Node of(String name, Instant created, String flavor, String az, String phase) {
      return new Node(
          "v2",
          "Node",
          new Metadata(name, PoolView.iso(created)),
          new Spec(flavor),
          new Status(phase, az));
    }
  }

  record Metadata(String name, String creationTimestamp) {}

  record Spec(String flavor) {}

  record Status(String phase, String az) {}
}
