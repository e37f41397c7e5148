package dev.kubeward.pss;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which check revisions apply at each level and policy minor, built once the way upstream's
 * registry inflates its checks: per check, the newest revision whose minimum version is at or
 * below the policy minor; restricted is every baseline check not overridden by a restricted
 * revision, plus the restricted checks; checks run ordered by ID, baseline first.
 */
final class ControlRegistry {

    /** One revision of a check and the baseline check IDs it replaces under restricted. */
    record Revision(int minimumMinor, ControlCheck check, Set<String> overrides) {
        Revision(int minimumMinor, ControlCheck check) {
            this(minimumMinor, check, Set.of());
        }
    }

    /** An upstream check: its ID, its level and its revisions in increasing version order. */
    record Definition(String id, Level level, List<Revision> revisions) {
        Definition {
            for (int i = 1; i < revisions.size(); i++) {
                if (revisions.get(i).minimumMinor() <= revisions.get(i - 1).minimumMinor()) {
                    throw new IllegalArgumentException("check " + id + ": versions must be strictly increasing");
                }
            }
        }

        /** The revision in force at the given minor, or {@code null} before the check existed. */
        Revision at(int minor) {
            Revision current = null;
            for (Revision revision : revisions) {
                if (revision.minimumMinor() <= minor) {
                    current = revision;
                }
            }
            return current;
        }
    }

    private static final Set<String> SELINUX_TYPES_1_0 = Set.of("", "container_t", "container_init_t", "container_kvm_t");
    private static final Set<String> SELINUX_TYPES_1_31 = union(SELINUX_TYPES_1_0, "container_engine_t");

    private static final Set<String> SYSCTLS_1_0 = Set.of(
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start");
    private static final Set<String> SYSCTLS_1_27 = union(SYSCTLS_1_0, "net.ipv4.ip_local_reserved_ports");
    private static final Set<String> SYSCTLS_1_29 = union(SYSCTLS_1_27,
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> SYSCTLS_1_32 = union(SYSCTLS_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    private static final Set<String> SYSCTLS_1_37 = union(SYSCTLS_1_32,
            "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

    /** The upstream check inventory, with the minor at which each revision took effect. */
    static final List<Definition> DEFINITIONS = List.of(
            new Definition("appArmorProfile", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.AppArmor()))),
            new Definition("capabilities_baseline", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.Capabilities()))),
            new Definition("hostNamespaces", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.HostNamespaces()))),
            new Definition("hostPathVolumes", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.HostPathVolumes()))),
            new Definition("hostPorts", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.HostPorts()))),
            new Definition("hostProbesAndHostLifecycle", Level.BASELINE, List.of(
                    new Revision(34, new BaselineChecks.HostProbesAndLifecycle()))),
            new Definition("privileged", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.Privileged()))),
            new Definition("procMount", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.ProcMount(false)),
                    new Revision(35, new BaselineChecks.ProcMount(true)))),
            new Definition("seLinuxOptions", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.SeLinuxOptions(SELINUX_TYPES_1_0)),
                    new Revision(31, new BaselineChecks.SeLinuxOptions(SELINUX_TYPES_1_31)))),
            new Definition("seccompProfile_baseline", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.SeccompAnnotations()),
                    new Revision(19, new BaselineChecks.SeccompField()))),
            new Definition("sysctls", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.Sysctls(SYSCTLS_1_0)),
                    new Revision(27, new BaselineChecks.Sysctls(SYSCTLS_1_27)),
                    new Revision(29, new BaselineChecks.Sysctls(SYSCTLS_1_29)),
                    new Revision(32, new BaselineChecks.Sysctls(SYSCTLS_1_32)),
                    new Revision(37, new BaselineChecks.Sysctls(SYSCTLS_1_37)))),
            new Definition("windowsHostProcess", Level.BASELINE, List.of(
                    new Revision(0, new BaselineChecks.WindowsHostProcess()))),

            new Definition("allowPrivilegeEscalation", Level.RESTRICTED, List.of(
                    new Revision(8, new RestrictedChecks.AllowPrivilegeEscalation(false)),
                    new Revision(25, new RestrictedChecks.AllowPrivilegeEscalation(true)))),
            new Definition("capabilities_restricted", Level.RESTRICTED, List.of(
                    new Revision(22, new RestrictedChecks.Capabilities(false), Set.of("capabilities_baseline")),
                    new Revision(25, new RestrictedChecks.Capabilities(true), Set.of("capabilities_baseline")))),
            new Definition("procMount_restricted", Level.RESTRICTED, List.of(
                    new Revision(35, new BaselineChecks.ProcMount(false), Set.of("procMount")))),
            new Definition("restrictedVolumes", Level.RESTRICTED, List.of(
                    new Revision(0, new RestrictedChecks.VolumeTypes(), Set.of("hostPathVolumes")))),
            new Definition("runAsNonRoot", Level.RESTRICTED, List.of(
                    new Revision(0, new RestrictedChecks.RunAsNonRoot(false)),
                    new Revision(35, new RestrictedChecks.RunAsNonRoot(true)))),
            new Definition("runAsUser", Level.RESTRICTED, List.of(
                    new Revision(23, new RestrictedChecks.RunAsUser(false)),
                    new Revision(35, new RestrictedChecks.RunAsUser(true)))),
            new Definition("seccompProfile_restricted", Level.RESTRICTED, List.of(
                    new Revision(19, new RestrictedChecks.Seccomp(false), Set.of("seccompProfile_baseline")),
                    new Revision(25, new RestrictedChecks.Seccomp(true), Set.of("seccompProfile_baseline")))));

    private static final ControlRegistry STANDARD = new ControlRegistry(DEFINITIONS);

    private final ControlCheck[][] baselineByMinor;
    private final ControlCheck[][] restrictedByMinor;
    private final String[][] baselineIdsByMinor;
    private final String[][] restrictedIdsByMinor;

    ControlRegistry(List<Definition> definitions) {
        List<Definition> ordered = new ArrayList<>(definitions);
        // Upstream runs baseline checks first, then restricted, each sorted by ID.
        ordered.sort(Comparator.comparing((Definition d) -> d.level() == Level.RESTRICTED).thenComparing(Definition::id));
        int minors = PssVersion.NEWEST_KNOWN_MINOR + 1;
        baselineByMinor = new ControlCheck[minors][];
        restrictedByMinor = new ControlCheck[minors][];
        baselineIdsByMinor = new String[minors][];
        restrictedIdsByMinor = new String[minors][];
        for (int minor = 0; minor < minors; minor++) {
            Set<String> overridden = new HashSet<>();
            Map<String, Revision> inForce = new HashMap<>();
            for (Definition definition : ordered) {
                Revision revision = definition.at(minor);
                if (revision != null) {
                    inForce.put(definition.id(), revision);
                    if (definition.level() == Level.RESTRICTED) {
                        overridden.addAll(revision.overrides());
                    }
                }
            }
            List<ControlCheck> baseline = new ArrayList<>();
            List<String> baselineIds = new ArrayList<>();
            List<ControlCheck> restricted = new ArrayList<>();
            List<String> restrictedIds = new ArrayList<>();
            for (Definition definition : ordered) {
                Revision revision = inForce.get(definition.id());
                if (revision == null) {
                    continue;
                }
                if (definition.level() == Level.BASELINE) {
                    baseline.add(revision.check());
                    baselineIds.add(definition.id());
                    if (overridden.contains(definition.id())) {
                        continue;
                    }
                }
                restricted.add(revision.check());
                restrictedIds.add(definition.id());
            }
            baselineByMinor[minor] = baseline.toArray(new ControlCheck[0]);
            restrictedByMinor[minor] = restricted.toArray(new ControlCheck[0]);
            baselineIdsByMinor[minor] = baselineIds.toArray(new String[0]);
            restrictedIdsByMinor[minor] = restrictedIds.toArray(new String[0]);
        }
    }

    static ControlRegistry standard() {
        return STANDARD;
    }

    /** The checks to run, in order; empty for privileged. */
    ControlCheck[] checks(Level level, PssVersion version) {
        return switch (level) {
            case PRIVILEGED -> new ControlCheck[0];
            case BASELINE -> baselineByMinor[version.effectiveMinor()];
            case RESTRICTED -> restrictedByMinor[version.effectiveMinor()];
        };
    }

    /** Upstream check IDs in force, in evaluation order. */
    List<String> checkIds(Level level, PssVersion version) {
        return switch (level) {
            case PRIVILEGED -> List.of();
            case BASELINE -> List.of(baselineIdsByMinor[version.effectiveMinor()]);
            case RESTRICTED -> List.of(restrictedIdsByMinor[version.effectiveMinor()]);
        };
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
