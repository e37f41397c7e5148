package dev.kubeward.runtime;

import dev.kubeward.runtime.detections.AdmissionConfigChange;
import dev.kubeward.runtime.detections.AnonymousRequestAllowed;
import dev.kubeward.runtime.detections.CsrApproval;
import dev.kubeward.runtime.detections.DeniedBurst;
import dev.kubeward.runtime.detections.EphemeralContainer;
import dev.kubeward.runtime.detections.EventsDeleted;
import dev.kubeward.runtime.detections.Impersonation;
import dev.kubeward.runtime.detections.NodesProxy;
import dev.kubeward.runtime.detections.ObjectChecks;
import dev.kubeward.runtime.detections.PodCreatedInKubeNamespace;
import dev.kubeward.runtime.detections.PodExec;
import dev.kubeward.runtime.detections.PodPortForward;
import dev.kubeward.runtime.detections.PodSecurityViolation;
import dev.kubeward.runtime.detections.SecretRead;
import dev.kubeward.runtime.detections.SecretReadDenied;
import dev.kubeward.runtime.detections.ServiceAccountCreatedInKubeNamespace;
import dev.kubeward.runtime.detections.ServiceAccountUnexpectedSource;
import dev.kubeward.runtime.detections.SystemRoleChange;
import dev.kubeward.runtime.detections.TokenRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The built-in detections. Stateful ones keep state per instance, so each engine gets new ones. */
public final class Detections {
    private Detections() {}

    public static List<Detection> builtIn() {
        return List.of(new ObjectChecks(), new PodExec(), new PodPortForward(), new EphemeralContainer(), new SecretRead(),
                new SecretReadDenied(), new AnonymousRequestAllowed(), new Impersonation(), new TokenRequest(),
                new NodesProxy(), new CsrApproval(), new AdmissionConfigChange(), new SystemRoleChange(),
                new EventsDeleted(), new DeniedBurst(), new PodSecurityViolation(), new ServiceAccountUnexpectedSource(),
                new PodCreatedInKubeNamespace(), new ServiceAccountCreatedInKubeNamespace());
    }

    /** Every detection's metadata, by id. */
    public static List<DetectionMeta> metas() {
        return builtIn().stream().map(d -> DetectionMeta.of(d.getClass()))
                .sorted(Comparator.comparing(DetectionMeta::id)).toList();
    }

    public static Set<String> ids() {
        return metas().stream().map(DetectionMeta::id).collect(Collectors.toUnmodifiableSet());
    }
}
