package dev.kubeward.checks.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The API server's encryption-at-rest configuration (--encryption-provider-config): an ordered
 * list of resource lists, each with ordered providers. The first list naming a resource decides
 * how it is stored; the first provider of that list encrypts writes, the others only decrypt.
 */
record EncryptionConfig(List<Entry> entries) {

    /** One provider: its type (identity, aescbc, aesgcm, secretbox, kms) and its settings. */
    record Provider(String type, JsonNode settings, JsonPath path) {
        /** KMS v1 unless apiVersion says v2: v1 is what an unset apiVersion means. */
        boolean isKmsV1() {
            return type.equals("kms") && !"v2".equals(settings.path("apiVersion").asText(""));
        }
    }

    record Entry(List<String> resources, List<Provider> providers, JsonPath path) {
        boolean coversSecrets() {
            // "*." is every resource of the core group, "*.*" every resource; secrets are core.
            return resources.contains("secrets") || resources.contains("*.") || resources.contains("*.*");
        }

        Optional<Provider> writeProvider() {
            return providers.isEmpty() ? Optional.empty() : Optional.of(providers.get(0));
        }
    }

    /** Today's apiserver.config.k8s.io EncryptionConfiguration, and the v1 "EncryptionConfig" of 1.7–1.12. */
    static Optional<EncryptionConfig> of(Resource r) {
        boolean current = r.kind().equals("EncryptionConfiguration") && r.group().equals("apiserver.config.k8s.io");
        boolean legacy = r.kind().equals("EncryptionConfig") && r.apiVersion().equals("v1");
        if (!current && !legacy) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        JsonNode list = r.object().path("resources");
        for (int i = 0; i < list.size() && list.isArray(); i++) {
            JsonNode e = list.path(i);
            JsonPath path = JsonPath.of("resources").index(i);
            List<String> names = new ArrayList<>();
            e.path("resources").forEach(n -> names.add(n.asText()));
            List<Provider> providers = new ArrayList<>();
            JsonNode ps = e.path("providers");
            for (int j = 0; j < ps.size() && ps.isArray(); j++) {
                JsonNode p = ps.path(j);
                Iterator<String> types = p.fieldNames();
                if (types.hasNext()) {
                    String type = types.next();
                    providers.add(new Provider(type, p.get(type), path.key("providers").index(j).key(type)));
                }
            }
            entries.add(new Entry(names, providers, path));
        }
        return Optional.of(new EncryptionConfig(entries));
    }

    /** The resource list that decides how Secrets are stored, if any. */
    Optional<Entry> secretsEntry() {
        return entries.stream().filter(Entry::coversSecrets).findFirst();
    }
}
