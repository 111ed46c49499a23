package org.tracebench.loadgen.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one YAML map, checked against the keys allowed there: unknown keys (with a suggestion), duplicate
 * keys (with both places) and non-text keys are recorded as problems and left out.
 */
final class YamlMap {
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlMap(MappingNode node, List<String> allowed, String where, Problems problems) {
        this.node = node;
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode) || !(k.getTag().equals(Tag.STR) || k.getTag().equals(Tag.INT))) {
                problems.error(k, "Keys in " + where + " must be plain names; found " + Values.describe(k) + ".");
                continue;
            }
            String key = ((ScalarNode) k).getValue();
            NodeTuple earlier = entries.get(key);
            if (earlier != null) {
                problems.error(k, "The key `" + key + "` appears twice in " + where + " (first at "
                        + problems.at(earlier.getKeyNode()) + "); expected each key once.");
                continue;
            }
            if (!allowed.contains(key)) {
                problems.error(k, "Unknown key `" + key + "` in " + where + "." + Suggest.didYouMean(key, allowed)
                        + " Expected one of: " + String.join(", ", allowed) + ".");
                continue;
            }
            entries.put(key, t);
        }
    }

    MappingNode node() { return node; }

    boolean has(String key) { return entries.containsKey(key); }

    /** The value node, or null when the key is absent. */
    Node value(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The key node, or null when absent. */
    Node key(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getKeyNode();
    }
}
