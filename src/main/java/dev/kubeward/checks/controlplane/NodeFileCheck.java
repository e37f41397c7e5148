package dev.kubeward.checks.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.FindingSink;
import dev.kubeward.model.Json;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;

/**
 * A check of what {@code kubeward node} observed of one file ({@code kind: NodeFile}): the
 * command does the I/O, the checks only compare, so they can be tested from YAML.
 */
abstract class NodeFileCheck implements Check {

    @Override
    public final void check(Resource resource, CheckContext context, FindingSink sink) {
        if (Kinds.isKubeward(resource.apiVersion(), resource.kind(), Kinds.NODE_FILE)) {
            checkFile(resource.object().path("spec"), resource, sink);
        }
    }

    protected abstract void checkFile(JsonNode spec, Resource file, FindingSink sink);

    static String text(JsonNode spec, String field) {
        return Json.text(spec.get(field));
    }

    /** Octal text ("0644", "644") as a number, or -1. */
    static int mode(String octal) {
        try {
            return octal == null ? -1 : Integer.parseInt(octal, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
