package io.quartermaster.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quartermaster.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Request bodies: the route's own valid body, that body with some of its values replaced, removed
 * or added, and bodies that are not what a JSON object parser expects at all.
 */
final class FuzzBodies {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FuzzBodies() {}

  enum Kind {
    NONE,
    VALID,
    MUTATED,
    RANDOM_JSON,
    NOT_AN_OBJECT,
    TEXT,
    TRUNCATED,
    TRAILING_GARBAGE,
    BYTE_ORDER_MARK,
    COMMENTS_AND_QUOTES,
    INVALID_UTF8,
    DEEP_NESTING,
    DUPLICATE_KEYS,
    HUGE_STRING,
    OVER_THE_LIMIT
  }

  enum Operation {
    REPLACE,
    REMOVE,
    ADD_FIELD
  }

  /** One change to a valid body: at the node numbered {@code at} (document order). */
  record Mutation(int at, Operation operation, String name, JsonNode value) {}

  /** A body of {@code kind}, made from the route's valid {@code base} (null for routes without). */
  record Body(Kind kind, List<Mutation> mutations, long seed, String text) {

    byte[] render(JsonNode base) {
      JsonNode valid = base == null ? NODES.objectNode() : base;
      Random random = new Random(seed);
      return switch (kind) {
        case NONE -> new byte[0];
        case VALID -> bytes(valid.toString());
        case MUTATED -> bytes(mutate(valid, mutations).toString());
        case RANDOM_JSON -> bytes(randomJson(random, 0).toString());
        case NOT_AN_OBJECT -> bytes(randomJson(random, 3).toString().replaceFirst("^\\{", "["));
        case TEXT -> bytes(text);
        case TRUNCATED -> {
          String json = valid.toString();
          yield bytes(json.substring(0, (int) Math.floorMod(seed, json.length())));
        }
        case TRAILING_GARBAGE -> bytes(valid + text);
        case BYTE_ORDER_MARK -> bytes("\uFEFF" + valid);
        case COMMENTS_AND_QUOTES ->
            bytes(
                "/* c */ " + valid.toString().replaceFirst("\"", "'").replaceFirst(":", ": NaN, "));
        case INVALID_UTF8 -> invalidUtf8(valid.toString(), random);
        case DEEP_NESTING -> bytes(deep(1 + Math.floorMod(seed, 200_000), random.nextBoolean()));
        case DUPLICATE_KEYS -> bytes(duplicateKey(valid, text));
        case HUGE_STRING -> bytes(withHugeString(valid, 1_000 + Math.floorMod(seed, 900_000)));
        case OVER_THE_LIMIT -> bytes(withHugeString(valid, (1 << 20) + Math.floorMod(seed, 4096)));
      };
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The nodes of {@code tree} in document order, as (parent, key or index) pairs. */
  private static List<Map.Entry<JsonNode, Object>> slots(JsonNode tree) {
    List<Map.Entry<JsonNode, Object>> slots = new ArrayList<>();
    collect(tree, slots);
    return slots;
  }

  private static void collect(JsonNode node, List<Map.Entry<JsonNode, Object>> slots) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        slots.add(Map.entry(node, name));
        collect(node.get(name), slots);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        slots.add(Map.entry(node, i));
        collect(node.get(i), slots);
      }
    }
  }

  static JsonNode mutate(JsonNode base, List<Mutation> mutations) {
    JsonNode tree = base.deepCopy();
    for (Mutation mutation : mutations) {
      List<Map.Entry<JsonNode, Object>> slots = slots(tree);
      if (slots.isEmpty() || mutation.operation() == Operation.ADD_FIELD) {
        List<JsonNode> objects = new ArrayList<>();
        objects.add(tree);
        slots.stream().map(Map.Entry::getKey).filter(JsonNode::isObject).forEach(objects::add);
        ObjectNode target = (ObjectNode) objects.get(Math.floorMod(mutation.at(), objects.size()));
        target.set(mutation.name(), mutation.value());
        continue;
      }
      Map.Entry<JsonNode, Object> slot = slots.get(Math.floorMod(mutation.at(), slots.size()));
      if (slot.getKey() instanceof ObjectNode parent && slot.getValue() instanceof String name) {
        if (mutation.operation() == Operation.REMOVE) {
          parent.remove(name);
        } else {
          parent.set(name, mutation.value());
        }
      } else if (slot.getKey() instanceof ArrayNode parent
          && slot.getValue() instanceof Integer index) {
        if (mutation.operation() == Operation.REMOVE) {
          parent.remove(index);
        } else {
          parent.set(index, mutation.value());
        }
      }
    }
    return tree;
  }

  /** Values a body's fields are replaced with: the service's own vocabulary, and wrong types. */
  static JsonNode value(int pick, String text) {
    return switch (Math.floorMod(pick, 30)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(true);
      case 2 -> NODES.numberNode(0);
      case 3 -> NODES.numberNode(-1);
      case 4 -> NODES.numberNode(1);
      case 5 -> NODES.numberNode(2);
      case 6 -> NODES.numberNode(51);
      case 7 -> NODES.numberNode(101);
      case 8 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
      case 9 -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
      case 10 -> NODES.numberNode(new BigDecimal("1e400"));
      case 11 -> NODES.numberNode(1.5);
      case 12 -> NODES.textNode(text);
      case 13 -> NODES.textNode("");
      case 14 -> NODES.textNode("1");
      case 15 -> NODES.arrayNode();
      case 16 -> NODES.objectNode();
      case 17 -> NODES.arrayNode().add(text);
      case 18 -> NODES.objectNode().put(text, text);
      case 19 -> NODES.textNode("modelarts.vm.gpu.t4u8");
      case 20 -> NODES.textNode("modelarts.vm.cpu.2u.d");
      case 21 -> NODES.textNode("az-1b");
      case 22 -> NODES.textNode("fuzz-" + Math.floorMod(text.hashCode(), 4));
      case 23 -> NODES.arrayNode().add(NODES.objectNode().put("flavor", "modelarts.vm.cpu.8ud"));
      case 24 ->
          NODES
              .arrayNode()
              .add(NODES.objectNode().put("flavor", "modelarts.vm.cpu.8ud").put("count", 3));
      case 25 ->
          NODES
              .arrayNode()
              .add(NODES.objectNode().put("az", "az-1a").put("count", 1))
              .add(NODES.objectNode().put("az", "az-1a").put("count", -1));
      case 26 -> NODES.textNode("Infer");
      case 27 -> NODES.textNode("true");
      case 28 -> NODES.arrayNode().add("os-node-created-aaaaa").add("os-node-created-aaaaa");
      default -> NODES.textNode(text.repeat(1 + Math.floorMod(pick, 5)));
    };
  }

  private static JsonNode randomJson(Random random, int depth) {
    int kind = depth > 4 ? random.nextInt(6) : random.nextInt(8);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
      case 4, 5 -> NODES.textNode(FuzzText.TRICKY.get(random.nextInt(FuzzText.TRICKY.size())));
      case 6 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomJson(random, depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        String[] names = {"apiVersion", "kind", "metadata", "spec", "labels", "resources", "x"};
        for (int i = random.nextInt(5); i > 0; i--) {
          object.set(names[random.nextInt(names.length)], randomJson(random, depth + 1));
        }
        yield object;
      }
    };
  }

  private static byte[] invalidUtf8(String json, Random random) {
    byte[] valid = bytes(json);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = valid.length == 0 ? 0 : random.nextInt(valid.length);
    out.write(valid, 0, at);
    byte[][] broken = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0}};
    out.writeBytes(broken[random.nextInt(broken.length)]);
    out.write(valid, at, valid.length - at);
    return out.toByteArray();
  }

  private static String deep(int depth, boolean arrays) {
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    return "{\"spec\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
  }

  /** {@code valid} with its first field written once more, holding another value. */
  private static String duplicateKey(JsonNode valid, String text) {
    String json = valid.toString();
    if (!valid.isObject() || valid.isEmpty()) {
      return "{\"a\":1,\"a\":" + NODES.textNode(text) + "}";
    }
    String first = valid.fieldNames().next();
    return "{" + NODES.textNode(first) + ":" + NODES.textNode(text) + "," + json.substring(1);
  }

  private static String withHugeString(JsonNode valid, int length) {
    ObjectNode copy = valid.isObject() ? (ObjectNode) valid.deepCopy() : NODES.objectNode();
    copy.put("huge", "x".repeat(length));
    try {
      return Json.mapper().writeValueAsString(copy);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
