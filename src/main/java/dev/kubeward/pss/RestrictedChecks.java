package dev.kubeward.pss;

import static dev.kubeward.pss.BaselineChecks.containerList;
import static dev.kubeward.pss.Text.joinAnd;
import static dev.kubeward.pss.Text.joinQuote;
import static dev.kubeward.pss.Text.pluralize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Json;
import dev.kubeward.pss.PodView.ContainerRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restricted-level checks. Flags select the revision: {@code windowsExempt} is the v1.25
 * behaviour of skipping Linux-only controls for {@code spec.os.name: windows}, and
 * {@code relaxForUserNamespace} is the v1.35 behaviour for {@code hostUsers: false}.
 */
final class RestrictedChecks {
    private RestrictedChecks() {
    }

    /** Only the listed volume sources are allowed; this replaces the baseline hostPath check. */
    static final class VolumeTypes implements ControlCheck {
        // image was patched into upstream's only (v1.0) revision, so it is allowed at every version.
        private static final Set<String> ALLOWED = Set.of(
                "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
                "persistentVolumeClaim", "projected", "secret");
        // Upstream's order of precedence when naming a volume's type (rank = index).
        private static final Map<String, Integer> RESTRICTED_RANK = rank(
                "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs",
                "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte",
                "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos");

        private static Map<String, Integer> rank(String... names) {
            Map<String, Integer> ranks = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                ranks.put(names[i], i);
            }
            return Map.copyOf(ranks);
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            JsonNode volumes = Json.array(pod.spec, "volumes");
            if (volumes == null) {
                return;
            }
            List<String> names = null;
            List<String> paths = null;
            TreeSet<String> types = null;
            for (int i = 0; i < volumes.size(); i++) {
                JsonNode volume = volumes.path(i);
                String type = restrictedType(volume);
                if (type == null) {
                    continue;
                }
                if (names == null) {
                    names = new ArrayList<>();
                    paths = new ArrayList<>();
                    types = new TreeSet<>();
                }
                names.add(Json.goString(volume, "name"));
                types.add(type);
                paths.add(JsonPaths.field(JsonPaths.index(JsonPaths.field(pod.specPath, "volumes"), i), type));
            }
            if (names != null) {
                out.add(new Violation(Controls.VOLUME_TYPES, "restricted volume types",
                        pluralize("volume", "volumes", names.size()) + " " + joinQuote(names) + " "
                                + pluralize("uses", "use", names.size()) + " "
                                + pluralize("restricted volume type", "restricted volume types", types.size()) + " "
                                + joinQuote(types),
                        paths));
            }
        }

        /**
         * The restricted source a volume uses, or {@code null} when it is allowed. A volume naming no
         * known source is allowed: the API server defaults it to emptyDir before admission sees it.
         */
        private static String restrictedType(JsonNode volume) {
            if (volume == null || !volume.isObject()) {
                return null;
            }
            // Walk the volume's own few fields instead of probing for all thirty source names.
            String restricted = null;
            int bestRank = Integer.MAX_VALUE;
            Iterator<Map.Entry<String, JsonNode>> fields = volume.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                String key = field.getKey();
                if (ALLOWED.contains(key)) {
                    return null;
                }
                Integer rank = RESTRICTED_RANK.get(key);
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    restricted = key;
                }
            }
            return restricted;
        }
    }

    /** allowPrivilegeEscalation must be explicitly false in every container (v1.8+). */
    static final class AllowPrivilegeEscalation implements ControlCheck {
        private final boolean windowsExempt;

        AllowPrivilegeEscalation(boolean windowsExempt) {
            this.windowsExempt = windowsExempt;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            if (windowsExempt && pod.isWindows()) {
                return;
            }
            List<String> names = null;
            List<String> paths = null;
            for (ContainerRef c : pod.containers) {
                if (!Json.isFalse(c.securityContext(), "allowPrivilegeEscalation")) {
                    if (names == null) {
                        names = new ArrayList<>();
                        paths = new ArrayList<>();
                    }
                    names.add(c.name());
                    paths.add(c.securityContextFieldPath("allowPrivilegeEscalation"));
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.PRIVILEGE_ESCALATION, "allowPrivilegeEscalation != false",
                        containerList(names) + " must set securityContext.allowPrivilegeEscalation=false", paths));
            }
        }
    }

    /** Every container must drop ALL and may add only NET_BIND_SERVICE (v1.22+); replaces baseline capabilities. */
    static final class Capabilities implements ControlCheck {
        private final boolean windowsExempt;

        Capabilities(boolean windowsExempt) {
            this.windowsExempt = windowsExempt;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            if (windowsExempt && pod.isWindows()) {
                return;
            }
            List<String> missingDropAll = null;
            List<String> addingForbidden = null;
            TreeSet<String> forbidden = null;
            List<String> paths = null;
            for (ContainerRef c : pod.containers) {
                JsonNode sc = c.securityContext();
                JsonNode capabilities = Json.field(sc, "capabilities");
                JsonNode drop = Json.array(capabilities, "drop");
                if (!containsAll(drop)) {
                    if (paths == null) {
                        paths = new ArrayList<>();
                    }
                    if (missingDropAll == null) {
                        missingDropAll = new ArrayList<>();
                    }
                    missingDropAll.add(c.name());
                    paths.add(dropPath(c, sc, capabilities));
                }
                JsonNode add = Json.array(capabilities, "add");
                if (add == null) {
                    continue;
                }
                boolean bad = false;
                for (int i = 0; i < add.size(); i++) {
                    String capability = Json.scalarText(add.path(i));
                    if (!"NET_BIND_SERVICE".equals(capability)) {
                        if (paths == null) {
                            paths = new ArrayList<>();
                        }
                        if (forbidden == null) {
                            forbidden = new TreeSet<>();
                            addingForbidden = new ArrayList<>();
                        }
                        bad = true;
                        forbidden.add(capability);
                        paths.add(JsonPaths.index(
                                JsonPaths.field(c.path(), "securityContext", "capabilities") + ".add", i));
                    }
                }
                if (bad) {
                    addingForbidden.add(c.name());
                }
            }
            if (paths == null) {
                return;
            }
            List<String> details = new ArrayList<>(2);
            if (missingDropAll != null) {
                details.add(containerList(missingDropAll) + " must set securityContext.capabilities.drop=[\"ALL\"]");
            }
            if (addingForbidden != null) {
                details.add(containerList(addingForbidden) + " must not include " + joinQuote(forbidden)
                        + " in securityContext.capabilities.add");
            }
            out.add(new Violation(Controls.CAPABILITIES, "unrestricted capabilities", String.join("; ", details), paths));
        }

        private static boolean containsAll(JsonNode drop) {
            if (drop == null) {
                return false;
            }
            for (int i = 0; i < drop.size(); i++) {
                if ("ALL".equals(Json.scalarText(drop.path(i)))) {
                    return true;
                }
            }
            return false;
        }

        private static String dropPath(ContainerRef c, JsonNode sc, JsonNode capabilities) {
            if (sc == null) {
                return c.path();
            }
            String capabilitiesPath = JsonPaths.field(c.path(), "securityContext", "capabilities");
            if (capabilities == null) {
                return JsonPaths.field(c.path(), "securityContext");
            }
            return BaselineChecks.fieldOrObject(capabilitiesPath, capabilities, "drop");
        }
    }

    /** runAsNonRoot must be true at pod level or in every container, and false nowhere. */
    static final class RunAsNonRoot implements ControlCheck {
        private final boolean relaxForUserNamespace;

        RunAsNonRoot(boolean relaxForUserNamespace) {
            this.relaxForUserNamespace = relaxForUserNamespace;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            if (relaxForUserNamespace && pod.inUserNamespace()) {
                return;
            }
            boolean podFalse = Json.isFalse(pod.podSecurityContext, "runAsNonRoot");
            boolean podTrue = Json.isTrue(pod.podSecurityContext, "runAsNonRoot");
            List<String> explicit = null;
            List<String> explicitPaths = null;
            List<String> implicit = null;
            List<String> implicitPaths = null;
            for (ContainerRef c : pod.containers) {
                JsonNode value = Json.field(c.securityContext(), "runAsNonRoot");
                if (value != null) {
                    if (value.isBoolean() && !value.booleanValue()) {
                        if (explicit == null) {
                            explicit = new ArrayList<>();
                            explicitPaths = new ArrayList<>();
                        }
                        explicit.add(c.name());
                        explicitPaths.add(JsonPaths.field(c.path(), "securityContext", "runAsNonRoot"));
                    }
                } else if (!podTrue) {
                    if (implicit == null) {
                        implicit = new ArrayList<>();
                        implicitPaths = new ArrayList<>();
                    }
                    implicit.add(c.name());
                    implicitPaths.add(c.securityContextFieldPath("runAsNonRoot"));
                }
            }
            if (podFalse || explicit != null) {
                List<String> setters = new ArrayList<>(2);
                List<String> paths = new ArrayList<>();
                if (podFalse) {
                    setters.add("pod");
                    paths.add(JsonPaths.field(pod.podSecurityContextPath(), "runAsNonRoot"));
                }
                if (explicit != null) {
                    setters.add(containerList(explicit));
                    paths.addAll(explicitPaths);
                }
                out.add(new Violation(Controls.RUN_AS_NON_ROOT, "runAsNonRoot != true",
                        joinAnd(setters) + " must not set securityContext.runAsNonRoot=false", paths));
            } else if (implicit != null) {
                out.add(new Violation(Controls.RUN_AS_NON_ROOT, "runAsNonRoot != true",
                        "pod or " + containerList(implicit) + " must set securityContext.runAsNonRoot=true",
                        implicitPaths));
            }
        }
    }

    /** runAsUser must not be 0 anywhere (v1.23+); unset is allowed. */
    static final class RunAsUser implements ControlCheck {
        private final boolean relaxForUserNamespace;

        RunAsUser(boolean relaxForUserNamespace) {
            this.relaxForUserNamespace = relaxForUserNamespace;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            if (relaxForUserNamespace && pod.inUserNamespace()) {
                return;
            }
            // A pod-level 0 is reported even when every container overrides it, as upstream does.
            boolean podRoot = Json.isZero(pod.podSecurityContext, "runAsUser");
            List<String> names = null;
            List<String> paths = null;
            if (podRoot) {
                paths = new ArrayList<>();
                paths.add(JsonPaths.field(pod.podSecurityContextPath(), "runAsUser"));
            }
            for (ContainerRef c : pod.containers) {
                if (Json.isZero(c.securityContext(), "runAsUser")) {
                    if (names == null) {
                        names = new ArrayList<>();
                    }
                    if (paths == null) {
                        paths = new ArrayList<>();
                    }
                    names.add(c.name());
                    paths.add(JsonPaths.field(c.path(), "securityContext", "runAsUser"));
                }
            }
            if (paths == null) {
                return;
            }
            List<String> setters = new ArrayList<>(2);
            if (podRoot) {
                setters.add("pod");
            }
            if (names != null) {
                setters.add(containerList(names));
            }
            out.add(new Violation(Controls.RUN_AS_USER, "runAsUser=0", joinAnd(setters) + " must not set runAsUser=0", paths));
        }
    }

    /** seccompProfile must be RuntimeDefault or Localhost for every container (v1.19+); replaces the baseline seccomp check. */
    static final class Seccomp implements ControlCheck {
        private final boolean windowsExempt;

        Seccomp(boolean windowsExempt) {
            this.windowsExempt = windowsExempt;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            if (windowsExempt && pod.isWindows()) {
                return;
            }
            SeccompFindings findings = SeccompFindings.collect(pod);
            if (findings.hasExplicitlyBad()) {
                out.add(findings.explicitViolation());
            } else if (findings.hasImplicitlyBad()) {
                out.add(findings.implicitViolation());
            }
        }
    }
}
