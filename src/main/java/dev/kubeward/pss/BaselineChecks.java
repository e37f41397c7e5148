package dev.kubeward.pss;

import static dev.kubeward.pss.Text.joinAnd;
import static dev.kubeward.pss.Text.joinQuote;
import static dev.kubeward.pss.Text.pluralize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.FieldError;
import dev.kubeward.model.Json;
import dev.kubeward.pss.PodView.ContainerRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The baseline-level checks. Each nested class is one revision of one upstream check; the
 * {@link ControlRegistry} decides which revision applies at which policy version.
 */
final class BaselineChecks {
    private BaselineChecks() {
    }

    /** The field path when the object carries the field, else the object's own path. */
    static String fieldOrObject(String objectPath, JsonNode object, String field) {
        return Json.field(object, field) == null ? objectPath : JsonPaths.field(objectPath, field);
    }

    static String containerList(List<String> names) {
        return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
    }

    /** hostNetwork, hostPID and hostIPC must be unset or false. */
    static final class HostNamespaces implements ControlCheck {
        private static final String[] FIELDS = {"hostNetwork", "hostPID", "hostIPC"};

        @Override
        public void check(PodView pod, List<Violation> out) {
            List<String> details = null;
            List<String> paths = null;
            for (String field : FIELDS) {
                if (Json.isTrue(pod.spec, field)) {
                    if (details == null) {
                        details = new ArrayList<>(3);
                        paths = new ArrayList<>(3);
                    }
                    details.add(field + "=true");
                    paths.add(JsonPaths.field(pod.specPath, field));
                }
            }
            if (details != null) {
                out.add(new Violation(Controls.HOST_NAMESPACES, "host namespaces", String.join(", ", details), paths));
            }
        }
    }

    /** securityContext.privileged must be unset or false in every container. */
    static final class Privileged implements ControlCheck {
        @Override
        public void check(PodView pod, List<Violation> out) {
            List<String> names = null;
            List<String> paths = null;
            for (ContainerRef c : pod.containers) {
                if (Json.isTrue(c.securityContext(), "privileged")) {
                    if (names == null) {
                        names = new ArrayList<>();
                        paths = new ArrayList<>();
                    }
                    names.add(c.name());
                    paths.add(JsonPaths.field(c.path(), "securityContext", "privileged"));
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.PRIVILEGED, "privileged",
                        containerList(names) + " must not set securityContext.privileged=true", paths));
            }
        }
    }

    /** Added capabilities must come from the container runtime's default set. */
    static final class Capabilities implements ControlCheck {
        private static final Set<String> ALLOWED = Set.of(
                "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

        @Override
        public void check(PodView pod, List<Violation> out) {
            List<String> names = null;
            List<String> paths = null;
            TreeSet<String> forbidden = null;
            for (ContainerRef c : pod.containers) {
                JsonNode add = Json.array(Json.field(c.securityContext(), "capabilities"), "add");
                if (add == null) {
                    continue;
                }
                boolean bad = false;
                for (int i = 0; i < add.size(); i++) {
                    String capability = Json.scalarText(add.path(i));
                    if (!ALLOWED.contains(capability)) {
                        if (forbidden == null) {
                            names = new ArrayList<>();
                            paths = new ArrayList<>();
                            forbidden = new TreeSet<>();
                        }
                        bad = true;
                        forbidden.add(capability);
                        paths.add(JsonPaths.index(JsonPaths.field(c.path(), "securityContext", "capabilities") + ".add", i));
                    }
                }
                if (bad) {
                    names.add(c.name());
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.CAPABILITIES, "non-default capabilities",
                        containerList(names) + " must not include " + joinQuote(forbidden)
                                + " in securityContext.capabilities.add", paths));
            }
        }
    }

    /** hostPath volumes are forbidden. */
    static final class HostPathVolumes implements ControlCheck {
        @Override
        public void check(PodView pod, List<Violation> out) {
            JsonNode volumes = Json.array(pod.spec, "volumes");
            if (volumes == null) {
                return;
            }
            List<String> names = null;
            List<String> paths = null;
            for (int i = 0; i < volumes.size(); i++) {
                JsonNode volume = volumes.path(i);
                if (Json.field(volume, "hostPath") != null) {
                    if (names == null) {
                        names = new ArrayList<>();
                        paths = new ArrayList<>();
                    }
                    names.add(Json.goString(volume, "name"));
                    paths.add(JsonPaths.field(JsonPaths.index(JsonPaths.field(pod.specPath, "volumes"), i), "hostPath"));
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.HOST_PATH_VOLUMES, "hostPath volumes",
                        pluralize("volume", "volumes", names.size()) + " " + joinQuote(names), paths));
            }
        }
    }

    /** ports[*].hostPort must be unset or 0. */
    static final class HostPorts implements ControlCheck {
        @Override
        public void check(PodView pod, List<Violation> out) {
            List<String> names = null;
            List<String> paths = null;
            TreeSet<String> ports = null;
            for (ContainerRef c : pod.containers) {
                JsonNode containerPorts = Json.array(c.node(), "ports");
                if (containerPorts == null) {
                    continue;
                }
                boolean bad = false;
                for (int i = 0; i < containerPorts.size(); i++) {
                    JsonNode hostPort = Json.field(containerPorts.path(i), "hostPort");
                    if (hostPort != null && hostPort.isNumber() && hostPort.intValue() != 0) {
                        if (names == null) {
                            names = new ArrayList<>();
                            paths = new ArrayList<>();
                            ports = new TreeSet<>();
                        }
                        bad = true;
                        // Upstream sorts the port numbers as strings, so 443 precedes 80.
                        ports.add(Integer.toString(hostPort.intValue()));
                        paths.add(JsonPaths.field(JsonPaths.index(JsonPaths.field(c.path(), "ports"), i), "hostPort"));
                    }
                }
                if (bad) {
                    names.add(c.name());
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.HOST_PORTS, "hostPort",
                        containerList(names) + " " + pluralize("uses", "use", names.size()) + " "
                                + pluralize("hostPort", "hostPorts", ports.size()) + " " + String.join(", ", ports),
                        paths));
            }
        }
    }

    /**
     * AppArmor: the profile type fields must be RuntimeDefault or Localhost, and the beta annotations
     * must be empty, runtime/default or localhost/*. Upstream amended its single v1.0 revision in
     * place to cover the fields, so the fields are checked at every policy version.
     */
    static final class AppArmor implements ControlCheck {
        private static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

        private static boolean allowedType(String type) {
            return "RuntimeDefault".equals(type) || "Localhost".equals(type);
        }

        private static boolean allowedAnnotation(String value) {
            return value.isEmpty() || "runtime/default".equals(value) || value.startsWith("localhost/");
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            List<String> setters = null;
            List<String> paths = null;
            TreeSet<String> badTypes = null;

            JsonNode podProfile = Json.field(pod.podSecurityContext, "appArmorProfile");
            if (podProfile != null && !allowedType(Json.goString(podProfile, "type"))) {
                setters = new ArrayList<>();
                paths = new ArrayList<>();
                badTypes = new TreeSet<>();
                setters.add("pod");
                badTypes.add(Json.goString(podProfile, "type"));
                paths.add(fieldOrObject(JsonPaths.field(pod.podSecurityContextPath(), "appArmorProfile"), podProfile, "type"));
            }

            List<String> badContainers = null;
            for (ContainerRef c : pod.containers) {
                JsonNode profile = Json.field(c.securityContext(), "appArmorProfile");
                if (profile != null && !allowedType(Json.goString(profile, "type"))) {
                    if (setters == null) {
                        setters = new ArrayList<>();
                        paths = new ArrayList<>();
                        badTypes = new TreeSet<>();
                    }
                    if (badContainers == null) {
                        badContainers = new ArrayList<>();
                    }
                    badContainers.add(c.name());
                    badTypes.add(Json.goString(profile, "type"));
                    paths.add(fieldOrObject(JsonPaths.field(c.path(), "securityContext", "appArmorProfile"), profile, "type"));
                }
            }
            if (badContainers != null) {
                setters.add(containerList(badContainers));
            }

            // Sorted by the rendered key="value" text, as upstream sorts its annotation list.
            TreeMap<String, String> forbiddenAnnotations = null;
            JsonNode annotations = pod.annotations();
            if (annotations != null && annotations.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = annotations.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    String key = entry.getKey();
                    if (!key.startsWith(ANNOTATION_PREFIX)) {
                        continue;
                    }
                    String value = entry.getValue() == null || entry.getValue().isNull() ? "" : Json.scalarText(entry.getValue());
                    if (!allowedAnnotation(value)) {
                        if (forbiddenAnnotations == null) {
                            forbiddenAnnotations = new TreeMap<>();
                        }
                        forbiddenAnnotations.put(key + "=" + FieldError.goQuote(value), pod.annotationPath(key));
                    }
                }
            }

            if (setters == null && forbiddenAnnotations == null) {
                return;
            }
            if (setters == null) {
                setters = new ArrayList<>();
                paths = new ArrayList<>();
            }
            List<String> badValues = badTypes == null ? new ArrayList<>() : new ArrayList<>(badTypes);
            if (forbiddenAnnotations != null) {
                badValues.addAll(forbiddenAnnotations.keySet());
                paths.addAll(forbiddenAnnotations.values());
                setters.add(pluralize("annotation", "annotations", forbiddenAnnotations.size()));
            }
            out.add(new Violation(Controls.APPARMOR,
                    pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", badValues.size()),
                    joinAnd(setters) + " must not set AppArmor profile type to " + joinQuote(badValues), paths));
        }
    }

    /** seLinuxOptions.type must be in the allowed set; user and role must be empty. */
    static final class SeLinuxOptions implements ControlCheck {
        private final Set<String> allowedTypes;

        SeLinuxOptions(Set<String> allowedTypes) {
            this.allowedTypes = allowedTypes;
        }

        /** Accumulates what is wrong across the pod and its containers, created only on the first problem. */
        private static final class Findings {
            final List<String> paths = new ArrayList<>();
            final TreeSet<String> badTypes = new TreeSet<>();
            boolean setUser;
            boolean setRole;
        }

        private Findings inspect(JsonNode options, String optionsPath, Findings findings) {
            String type = Json.goString(options, "type");
            boolean badType = !allowedTypes.contains(type);
            boolean user = !Json.goString(options, "user").isEmpty();
            boolean role = !Json.goString(options, "role").isEmpty();
            if (!badType && !user && !role) {
                return findings;
            }
            Findings f = findings == null ? new Findings() : findings;
            if (badType) {
                f.badTypes.add(type);
                f.paths.add(JsonPaths.field(optionsPath, "type"));
            }
            if (user) {
                f.setUser = true;
                f.paths.add(JsonPaths.field(optionsPath, "user"));
            }
            if (role) {
                f.setRole = true;
                f.paths.add(JsonPaths.field(optionsPath, "role"));
            }
            return f;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            Findings findings = null;
            boolean podBad = false;
            JsonNode podOptions = Json.field(pod.podSecurityContext, "seLinuxOptions");
            if (podOptions != null) {
                findings = inspect(podOptions, JsonPaths.field(pod.podSecurityContextPath(), "seLinuxOptions"), null);
                podBad = findings != null;
            }
            List<String> badContainers = null;
            for (ContainerRef c : pod.containers) {
                JsonNode options = Json.field(c.securityContext(), "seLinuxOptions");
                if (options == null) {
                    continue;
                }
                int before = findings == null ? 0 : findings.paths.size();
                findings = inspect(options, JsonPaths.field(c.path(), "securityContext", "seLinuxOptions"), findings);
                if (findings != null && findings.paths.size() > before) {
                    if (badContainers == null) {
                        badContainers = new ArrayList<>();
                    }
                    badContainers.add(c.name());
                }
            }
            if (findings == null) {
                return;
            }
            List<String> setters = new ArrayList<>(2);
            if (podBad) {
                setters.add("pod");
            }
            if (badContainers != null) {
                setters.add(containerList(badContainers));
            }
            List<String> problems = new ArrayList<>(3);
            if (!findings.badTypes.isEmpty()) {
                problems.add(pluralize("type", "types", findings.badTypes.size()) + " " + joinQuote(findings.badTypes));
            }
            if (findings.setUser) {
                problems.add("user may not be set");
            }
            if (findings.setRole) {
                problems.add("role may not be set");
            }
            out.add(new Violation(Controls.SELINUX, "seLinuxOptions",
                    joinAnd(setters) + " set forbidden securityContext.seLinuxOptions: " + String.join("; ", problems),
                    findings.paths));
        }
    }

    /**
     * securityContext.procMount must be unset or Default. With {@code relaxForUserNamespace} (baseline
     * from v1.35) a pod with {@code hostUsers: false} may use any value.
     */
    static final class ProcMount implements ControlCheck {
        private final boolean relaxForUserNamespace;

        ProcMount(boolean relaxForUserNamespace) {
            this.relaxForUserNamespace = relaxForUserNamespace;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            if (relaxForUserNamespace && pod.inUserNamespace()) {
                return;
            }
            List<String> names = null;
            List<String> paths = null;
            TreeSet<String> types = null;
            for (ContainerRef c : pod.containers) {
                JsonNode procMount = Json.field(c.securityContext(), "procMount");
                if (procMount == null) {
                    continue;
                }
                String type = Json.scalarText(procMount);
                if (!"Default".equals(type)) {
                    if (names == null) {
                        names = new ArrayList<>();
                        paths = new ArrayList<>();
                        types = new TreeSet<>();
                    }
                    names.add(c.name());
                    types.add(type);
                    paths.add(JsonPaths.field(c.path(), "securityContext", "procMount"));
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.PROC_MOUNT, "procMount",
                        containerList(names) + " must not set securityContext.procMount to " + joinQuote(types), paths));
            }
        }
    }

    /** Before v1.19 seccomp was configured by alpha annotations; unconfined ones are forbidden. */
    static final class SeccompAnnotations implements ControlCheck {
        private static final String POD_KEY = "seccomp.security.alpha.kubernetes.io/pod";
        private static final String CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

        private static boolean allowed(String value) {
            return "runtime/default".equals(value) || "docker/default".equals(value) || value.startsWith("localhost/");
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            JsonNode annotations = pod.annotations();
            if (annotations == null || !annotations.isObject() || annotations.isEmpty()) {
                return;
            }
            TreeMap<String, String> forbidden = null;
            JsonNode podValue = Json.field(annotations, POD_KEY);
            if (podValue != null && !allowed(Json.scalarText(podValue))) {
                forbidden = new TreeMap<>();
                forbidden.put(POD_KEY + "=" + FieldError.goQuote(Json.scalarText(podValue)), pod.annotationPath(POD_KEY));
            }
            for (ContainerRef c : pod.containers) {
                // Only annotations naming a container of this pod are considered.
                String key = CONTAINER_PREFIX + c.name();
                JsonNode value = Json.field(annotations, key);
                if (value != null && !allowed(Json.scalarText(value))) {
                    if (forbidden == null) {
                        forbidden = new TreeMap<>();
                    }
                    forbidden.put(key + "=" + FieldError.goQuote(Json.scalarText(value)), pod.annotationPath(key));
                }
            }
            if (forbidden != null) {
                out.add(new Violation(Controls.SECCOMP, "seccompProfile",
                        "forbidden " + pluralize("annotation", "annotations", forbidden.size()) + " "
                                + String.join(", ", forbidden.keySet()),
                        new ArrayList<>(forbidden.values())));
            }
        }
    }

    /** From v1.19: a seccompProfile that is set must be RuntimeDefault or Localhost. */
    static final class SeccompField implements ControlCheck {
        @Override
        public void check(PodView pod, List<Violation> out) {
            SeccompFindings findings = SeccompFindings.collect(pod);
            if (findings.hasExplicitlyBad()) {
                out.add(findings.explicitViolation());
            }
        }
    }

    /** Pod sysctls must be in the safe set of the policy version. */
    static final class Sysctls implements ControlCheck {
        private final Set<String> safe;

        Sysctls(Set<String> safe) {
            this.safe = safe;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            JsonNode sysctls = Json.array(pod.podSecurityContext, "sysctls");
            if (sysctls == null) {
                return;
            }
            List<String> names = null;
            List<String> paths = null;
            for (int i = 0; i < sysctls.size(); i++) {
                String name = Json.goString(sysctls.path(i), "name");
                if (!safe.contains(name)) {
                    if (names == null) {
                        names = new ArrayList<>();
                        paths = new ArrayList<>();
                    }
                    names.add(name);
                    paths.add(JsonPaths.field(
                            JsonPaths.index(JsonPaths.field(pod.podSecurityContextPath(), "sysctls"), i), "name"));
                }
            }
            if (names != null) {
                out.add(new Violation(Controls.SYSCTLS, "forbidden sysctls", String.join(", ", names), paths));
            }
        }
    }

    /** windowsOptions.hostProcess must be unset or false at pod and container level. */
    static final class WindowsHostProcess implements ControlCheck {
        @Override
        public void check(PodView pod, List<Violation> out) {
            List<String> paths = null;
            boolean podBad = Json.isTrue(Json.field(pod.podSecurityContext, "windowsOptions"), "hostProcess");
            if (podBad) {
                paths = new ArrayList<>();
                paths.add(JsonPaths.field(pod.podSecurityContextPath(), "windowsOptions", "hostProcess"));
            }
            List<String> names = null;
            for (ContainerRef c : pod.containers) {
                if (Json.isTrue(Json.field(c.securityContext(), "windowsOptions"), "hostProcess")) {
                    if (names == null) {
                        names = new ArrayList<>();
                    }
                    if (paths == null) {
                        paths = new ArrayList<>();
                    }
                    names.add(c.name());
                    paths.add(JsonPaths.field(JsonPaths.field(c.path(), "securityContext", "windowsOptions"), "hostProcess"));
                }
            }
            if (paths == null) {
                return;
            }
            List<String> setters = new ArrayList<>(2);
            if (podBad) {
                setters.add("pod");
            }
            if (names != null) {
                setters.add(containerList(names));
            }
            out.add(new Violation(Controls.HOST_PROCESS, "hostProcess",
                    joinAnd(setters) + " must not set securityContext.windowsOptions.hostProcess=true", paths));
        }
    }

    /** From v1.34: probes and lifecycle handlers must not set a host. */
    static final class HostProbesAndLifecycle implements ControlCheck {
        private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
        private static final String[] HANDLERS = {"postStart", "preStop"};
        private static final String[] ACTIONS = {"httpGet", "tcpSocket"};

        /** Created on the first offending host. */
        private static final class Findings {
            final TreeSet<String> containers = new TreeSet<>();
            final TreeSet<String> hosts = new TreeSet<>();
            final List<String> paths = new ArrayList<>();
        }

        private static Findings inspect(JsonNode handler, String handlerPath, String container, Findings findings) {
            if (handler == null) {
                return findings;
            }
            for (String action : ACTIONS) {
                String host = Json.goString(Json.field(handler, action), "host");
                if (!host.isEmpty()) {
                    Findings f = findings == null ? new Findings() : findings;
                    f.containers.add(container);
                    f.hosts.add(host);
                    f.paths.add(JsonPaths.field(JsonPaths.field(handlerPath, action), "host"));
                    findings = f;
                }
            }
            return findings;
        }

        @Override
        public void check(PodView pod, List<Violation> out) {
            Findings findings = null;
            for (ContainerRef c : pod.containers) {
                JsonNode node = c.node();
                for (String probe : PROBES) {
                    JsonNode handler = Json.field(node, probe);
                    if (handler != null) {
                        findings = inspect(handler, JsonPaths.field(c.path(), probe), c.name(), findings);
                    }
                }
                JsonNode lifecycle = Json.field(node, "lifecycle");
                if (lifecycle != null) {
                    for (String name : HANDLERS) {
                        JsonNode handler = Json.field(lifecycle, name);
                        if (handler != null) {
                            findings = inspect(handler, JsonPaths.field(c.path(), "lifecycle", name), c.name(), findings);
                        }
                    }
                }
            }
            if (findings != null) {
                int count = findings.containers.size();
                out.add(new Violation(Controls.HOST_PROBES, "probe or lifecycle host",
                        pluralize("container", "containers", count) + " " + joinQuote(findings.containers) + " "
                                + pluralize("uses", "use", count) + " "
                                + pluralize("probe or lifecycle host", "probe or lifecycle hosts", findings.hosts.size())
                                + " " + joinQuote(findings.hosts),
                        findings.paths));
            }
        }
    }
}
