package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-persistentvolume-create",
        title = "RBAC rule creates PersistentVolumes",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create on persistentvolumes." + RoleRuleCheck.WHERE,
        rationale = "A PersistentVolume can be a hostPath volume; mounted into a pod it exposes the node's files, "
                + "kubelet credentials and other pods' tokens, and Pod Security admission does not see the hostPath.",
        remediation = "Let a storage provisioner create volumes from StorageClasses; people and workloads should "
                + "only create PersistentVolumeClaims.",
        cis = "5.1.9",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1611"})
public final class PersistentVolumeCreate extends PermissionCheck {
    private static final List<Permission> VOLUMES = List.of(Permission.of("", "persistentvolumes", "create"));

    @Override
    protected List<Permission> permissions() {
        return VOLUMES;
    }
}
