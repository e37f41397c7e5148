package dev.kubeward.runtime.detections;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditRequest;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.Allow;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.List;
import java.util.Set;

@DetectionInfo(id = "events-deleted", title = "Events deleted", severity = Severity.MEDIUM,
        description = "A delete or deletecollection of Events (core and events.k8s.io) that succeeded, by a user outside "
                + "the allow list: Events record pod starts, image pulls and failures, and expire on their own (the "
                + "API server's --event-ttl), so deleting them hides tracks. The namespace controller, which deletes "
                + "the Events of a deleted namespace, is allowed by default.",
        response = "Find out why Events were deleted; the audit log still has the requests they described.",
        mitre = {"T1070"}, level = AuditLevel.METADATA, stages = {AuditStage.RESPONSE_COMPLETE})
public final class EventsDeleted implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (e.succeeded() && (e.verb().equals("delete") || e.verb().equals("deletecollection"))
                && (Events.targets(e, "", "events") || Events.targets(e, "events.k8s.io", "events"))) {
            sink.alert(Events.actor(e) + (e.verb().equals("delete") ? " deleted Event " + Events.object(e)
                    : " deleted the Events " + (e.objectRef().namespace().isEmpty() ? "of every namespace" : "in " + e.objectRef().namespace())));
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("deletecollection", "", "events", "shop", null, AuditLevel.METADATA),
                Watch.person("delete", "events.k8s.io", "events", "shop", "web-0.17d", AuditLevel.METADATA));
    }
}
