package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import dev.kubeward.policy.AdmissionResult;
import dev.kubeward.policy.offline.InventoryContext;
import dev.kubeward.policy.offline.PolicyInput;
import dev.kubeward.policy.offline.RbacAuthorizer;
import dev.kubeward.policy.offline.Requests;
import dev.kubeward.policy.offline.ResourceMapping;
import dev.kubeward.policy.cel.CelVersion;
import dev.kubeward.checks.rbac.RbacScan;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy library of policies/ gives the same verdicts as kubeward's own checks on the
 * bundled examples: a policy denies a workload exactly when one of its checks reports it
 * (examples/kubeward.yaml as configuration, for the trusted registries), for every pod-bearing
 * object the binding covers (it leaves kube-system out). Each policy also passes its own
 * fixtures under policies/fixtures/.
 */
class PolicyLibraryTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            privileged.yaml            | privileged-container
            host-namespaces.yaml       | host-network host-pid host-ipc
            run-as-non-root.yaml       | run-as-root
            drop-all-capabilities.yaml | capabilities-not-dropped
            no-host-path.yaml          | hostpath-volume
            image-tags.yaml            | image-tag-latest image-tag-missing
            no-token-automount.yaml    | service-account-token-automount
            trusted-registries.yaml    | image-registry-untrusted
            """)
    void policyAgreesWithTheChecksOnTheExamples(String policyFile, String checkIds) throws Exception {
        Set<String> checks = Set.of(checkIds.split(" "));
        CheckRegistry registry = CheckRegistry.builtIn();
        Config config = ConfigFiles.load(Path.of("examples/kubeward.yaml"), Environment.system(), registry.ids()).config();
        LoadResult examples = new ManifestLoader().load(List.of("examples/insecure", "examples/hardened"));
        Inventory inventory = new Inventory(examples.resources());
        List<Finding> findings = new Scanner(registry, config).scan(inventory);
        Set<String> reported = findings.stream().filter(f -> checks.contains(f.checkId()))
                .map(f -> f.file() + "|" + f.resource().display()).collect(Collectors.toCollection(TreeSet::new));

        LoadResult policy = new ManifestLoader().load(List.of("policies/" + policyFile));
        List<Resource> all = new ArrayList<>(policy.resources());
        all.addAll(examples.resources());
        PolicyInput input = new PolicyInput(policy.resources(), CelVersion.NEWEST);
        assertThat(input.errors()).isEmpty();
        ResourceMapping mapping = new ResourceMapping(all);
        InventoryContext ctx = new InventoryContext(all, mapping, new RbacAuthorizer(RbacScan.of(new Inventory(all)).model()));
        Set<String> denied = new TreeSet<>();
        Set<String> covered = new TreeSet<>();
        for (Resource r : examples.resources()) {
            // Static pods are left out too: the checks that assume an API-created pod skip them (no
            // token, no service account), while a policy sees their mirror pods like any pod.
            if (!Kinds.isPodBearing(r.group(), r.kind()) || "kube-system".equals(r.namespace())
                    || inventory.podTemplates(r).stream().anyMatch(dev.kubeward.model.PodTemplate::isStatic)) {
                continue;
            }
            covered.add(r.origin().file() + "|" + r.displayName());
            AdmissionResult result = input.validatingSet().admit(Requests.of("CREATE", r, null, Requests.DEFAULT_USER, mapping), ctx);
            if (result.denied()) {
                denied.add(r.origin().file() + "|" + r.displayName());
            }
        }
        reported.retainAll(covered);
        assertThat(denied).as("objects the policy denies = objects the checks %s report", checks).isEqualTo(reported);
        assertThat(denied).as("the examples exercise the policy").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"privileged", "host-namespaces", "run-as-non-root", "drop-all-capabilities", "no-host-path", "image-tags",
            "no-token-automount", "trusted-registries"})
    void policyAdmitsItsPassingFixturesAndDeniesItsFailingOnes(String name) {
        CliRunner pass = CliRunner.run("vap", "test", "policies/" + name + ".yaml", "--objects", "policies/fixtures/" + name + "/pass.yaml");
        assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).doesNotContain("DENY");
        CliRunner fail = CliRunner.run("vap", "test", "policies/" + name + ".yaml", "--objects", "policies/fixtures/" + name + "/fail.yaml");
        assertThat(fail.exitCode()).as(fail.out() + fail.err()).isEqualTo(1);
        assertThat(fail.out()).doesNotContain("ADMIT ");
    }
}
