package dev.kubeward.runtime;

import dev.kubeward.audit.AuditRequest;
import java.util.List;

/**
 * A detection: one small class, its metadata in {@link DetectionInfo}. The engine hands it the
 * events of the stages it names, one at a time (never concurrently), skips the users, groups,
 * namespaces and sources its allow list names, and keeps one alert per request.
 */
public interface Detection {
    void detect(AuditEvent event, DetectionContext context, AlertSink sink);

    /**
     * The requests the detection watches, as the audit policy simulation takes them (made by a
     * person and, where that differs, by a service account): the coverage of a policy is judged
     * on them.
     */
    List<Watch> watches();

    /**
     * A request a detection watches, and the level it needs logged for it (a patch shows its
     * object only in the response, at RequestResponse).
     */
    record Watch(AuditRequest request, dev.kubeward.audit.AuditLevel level) {
        /** Made by the catalogue's person. */
        public static Watch person(String verb, String group, String resource, String namespace, String name,
                dev.kubeward.audit.AuditLevel level) {
            return new Watch(AuditRequest.resource(dev.kubeward.audit.AuditCatalog.PERSON,
                    dev.kubeward.audit.AuditCatalog.PERSON_GROUPS, verb, group, resource, namespace, name), level);
        }

        /** Made by the catalogue's service account. */
        public static Watch serviceAccount(String verb, String group, String resource, String namespace, String name,
                dev.kubeward.audit.AuditLevel level) {
            return new Watch(AuditRequest.resource(dev.kubeward.audit.AuditCatalog.SERVICE_ACCOUNT,
                    dev.kubeward.audit.AuditCatalog.SERVICE_ACCOUNT_GROUPS, verb, group, resource, namespace, name), level);
        }
    }

    /** Users, groups and namespaces that are quiet by default, besides the control plane's. */
    default Allow defaults() {
        return Allow.NONE;
    }
}
