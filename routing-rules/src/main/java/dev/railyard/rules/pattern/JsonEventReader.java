package dev.railyard.rules.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Streams JSON text into an {@link EventBuffer}, keeping only leaves at paths some pattern names and skipping
 * every other key unparsed. Stateless.
 */
final class JsonEventReader {

    private JsonEventReader() {
    }

    /** Reads one event; false when the JSON is not an object (nothing can match it). */
    static boolean read(JsonParser parser, PathTrie trie, EventBuffer event) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        object(parser, trie.root, event);
        return true;
    }

    private static void object(JsonParser parser, PathTrie.Node node, EventBuffer event) throws IOException {
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            PathTrie.Node child = node.child(name);
            JsonToken t = parser.nextToken();
            if (child == null) {
                parser.skipChildren();
            } else {
                value(parser, t, child, event);
            }
        }
    }

    private static void value(JsonParser parser, JsonToken t, PathTrie.Node node, EventBuffer event)
            throws IOException {
        switch (t) {
            case START_OBJECT:
                if (node.hasChildren()) {
                    object(parser, node, event);
                } else {
                    parser.skipChildren();
                }
                break;
            case START_ARRAY:
                array(parser, node, event);
                break;
            case VALUE_STRING:
                if (node.slot >= 0) {
                    event.add(node.slot, EventBuffer.STRING, parser.getText());
                }
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                if (node.slot >= 0) {
                    event.add(node.slot, EventBuffer.NUMBER, parser.getText());
                }
                break;
            case VALUE_TRUE:
                addLiteral(node, event, EventBuffer.TRUE, "true");
                break;
            case VALUE_FALSE:
                addLiteral(node, event, EventBuffer.FALSE, "false");
                break;
            default:
                addLiteral(node, event, EventBuffer.NULL, "null");
                break;
        }
    }

    private static void addLiteral(PathTrie.Node node, EventBuffer event, byte kind, String text) {
        if (node.slot >= 0) {
            event.add(node.slot, kind, text);
        }
    }

    private static void array(JsonParser parser, PathTrie.Node node, EventBuffer event) throws IOException {
        int id = event.newArray();
        int index = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), index++) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                event.enterElement(id, index);
                value(parser, t, node, event);
                event.leaveElement();
            } else {
                value(parser, t, node, event);
            }
        }
    }
}
