package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The JSON type confusions a hostile document can try on one value: each other type, empty, wrapped, unwrapped. */
final class JsonTypes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A replacement value and what it does, e.g. {@code string → number}. */
    record Alternative(String label, JsonNode value) {}

    private JsonTypes() {}

    /** At least one alternative for every value. */
    static List<Alternative> alternatives(JsonNode n) {
        List<Alternative> out = new ArrayList<>();
        String type = type(n);
        if (n.isTextual()) {
            String s = n.textValue();
            out.add(new Alternative("string → number", s.matches("-?[0-9]{1,18}") ? F.numberNode(Long.parseLong(s))
                    : F.numberNode(0)));
            out.add(new Alternative("string → array", F.arrayNode().add(s)));
            out.add(new Alternative("string → object", F.objectNode().put("value", s)));
            out.add(new Alternative("string → boolean", F.booleanNode(true)));
            if (!s.isEmpty()) {
                out.add(new Alternative("string → empty string", F.textNode("")));
            }
        } else if (n.isNumber()) {
            out.add(new Alternative("number → string", F.textNode(n.asText())));
            out.add(new Alternative("number → array", F.arrayNode().add(n)));
            out.add(new Alternative("number → fraction", F.numberNode(new BigDecimal(n.asText()).setScale(1))));
            out.add(new Alternative("number → negative",
                    F.numberNode(new BigDecimal(n.asText()).negate().subtract(BigDecimal.ONE))));
        } else if (n.isObject()) {
            ArrayNode values = F.arrayNode();
            n.elements().forEachRemaining(values::add);
            out.add(new Alternative("object → array", values));
            out.add(new Alternative("object → string", F.textNode(n.toString())));
            if (n.size() > 0) {
                out.add(new Alternative("object → empty object", F.objectNode()));
            }
        } else if (n.isArray()) {
            ObjectNode object = F.objectNode();
            for (int i = 0; i < n.size(); i++) {
                object.set(String.valueOf(i), n.get(i));
            }
            out.add(new Alternative("array → object", object));
            out.add(new Alternative("array → string", F.textNode(n.toString())));
            if (n.size() > 0) {
                out.add(new Alternative("array → empty array", F.arrayNode()));
                out.add(new Alternative("array → its first element", n.get(0)));
                ArrayNode doubled = F.arrayNode();
                doubled.addAll((ArrayNode) n).addAll((ArrayNode) n);
                out.add(new Alternative("array → every element twice", doubled));
            }
        } else if (n.isNull()) {
            out.add(new Alternative("null → string", F.textNode("")));
            out.add(new Alternative("null → number", F.numberNode(0)));
            out.add(new Alternative("null → object", F.objectNode()));
        } else {
            out.add(new Alternative(type + " → string", F.textNode(n.asText())));
        }
        if (!n.isNull()) {
            out.add(new Alternative(type + " → null", F.nullNode()));
        }
        return out;
    }

    private static String type(JsonNode n) {
        return n.isObject() ? "object" : n.isArray() ? "array" : n.isTextual() ? "string" : n.isNumber() ? "number"
                : n.isBoolean() ? "boolean" : "null";
    }
}
