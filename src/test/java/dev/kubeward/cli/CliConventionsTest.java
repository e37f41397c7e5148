package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** One consistent command line: the same options, names and behaviour on every command. */
class CliConventionsTest {
    private static final String SHOP_RBAC = "src/test/resources/rbac-cli/shop";
    private static final String SHOP_NETPOL = "src/test/resources/netpol-cli/shop";
    /** Every format name any command may use: one spelling per format. */
    private static final Set<String> FORMAT_NAMES = Set.of("text", "json", "sarif", "junit", "markdown", "csv", "dot", "svg", "jsonl", "html", "cyclonedx", "spdx");
    /** Commands that read no configuration (they list or explain the checks, or print the version). */
    private static final Set<String> WITHOUT_CONFIG = Set.of("kubeward checks", "kubeward detections", "kubeward explain", "kubeward frameworks", "kubeward version",
            "kubeward vulndb import");

    /** Every command of the tree, as its qualified name, with its spec, help excepted. */
    static List<CommandSpec> everyCommand() {
        List<CommandSpec> all = new ArrayList<>();
        collect(Main.commandLine(Environment.system()), all);
        return all;
    }

    private static void collect(CommandLine line, List<CommandSpec> into) {
        if (!(line.getCommand() instanceof CommandLine.HelpCommand)) {
            into.add(line.getCommandSpec());
        }
        line.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    static List<String> everyCommandName() {
        return everyCommand().stream().map(CommandSpec::qualifiedName).toList();
    }

    private static String[] args(String qualifiedName, String... more) {
        List<String> a = new ArrayList<>(List.of(qualifiedName.split(" ")).subList(1, qualifiedName.split(" ").length));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("everyCommandName")
    void helpExitsZeroOnEveryCommandEvenWithRequiredOptionsMissing(String command) {
        for (String help : new String[] {"--help", "-h"}) {
            CliRunner r = CliRunner.run(args(command, help));
            assertThat(r.exitCode()).as(command + " " + help + ": " + r.err()).isZero();
            assertThat(r.out()).startsWith("Usage: " + command);
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void helpSubcommandAndBareGroupsExitZero() {
        assertThat(CliRunner.run("help", "pss").exitCode()).isZero();
        assertThat(CliRunner.run("help", "pss").out()).startsWith("Usage: kubeward pss");
        assertThat(CliRunner.run().exitCode()).isZero();
    }

    @Test
    void requiredOptionsStillMatterWithoutHelp() {
        CliRunner r = CliRunner.run("pss", "examples/hardened");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--level=LEVEL'").contains("Run 'kubeward pss --help' for usage.");
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyReportingCommandTakesTheSharedOptions(CommandSpec spec) {
        if (!(spec.userObject() instanceof OutputOptions.Reporting reporting)) {
            // Only the groups (kubeward, rbac, netpol) write no report of their own.
            assertThat(spec.subcommands()).as(spec.qualifiedName()).isNotEmpty();
            return;
        }
        for (String option : new String[] {"-f", "--format", "-o", "--output", "--color", "-q", "--quiet", "-h", "--help"}) {
            assertThat(spec.findOption(option)).as(spec.qualifiedName() + " " + option).isNotNull();
        }
        assertThat(spec.findOption("--config") != null).as(spec.qualifiedName() + " --config")
                .isEqualTo(!WITHOUT_CONFIG.contains(spec.qualifiedName()));
        assertThat(spec.findOption("-V")).as("--version belongs to the top level alone").isNull();
        assertThat(reporting.formats()).isSubsetOf(FORMAT_NAMES);
        assertThat(reporting.formats().get(0)).isEqualTo("text");
        OptionSpec format = spec.findOption("--format");
        assertThat(String.join(" ", format.description())).contains(String.join(", ", reporting.formats().subList(0, 1)));
    }

    @Test
    void theTopLevelHasVersionAndHelp() {
        CliRunner v = CliRunner.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).isEqualTo("kubeward " + Version.VERSION + "\n");
        assertThat(CliRunner.run("-V").out()).isEqualTo(v.out());
        assertThat(CliRunner.run("version").out()).isEqualTo(v.out());
        assertThat(CliRunner.run("version", "-f", "json").out()).contains("\"schemaVersion\" : 1");
    }

    @Test
    void pssVersionIsRenamedAndTheOldSpellingStillWorksWithANote() {
        CliRunner renamed = CliRunner.run("pss", "examples/hardened", "--level", "restricted", "--pss-version", "v1.30");
        assertThat(renamed.exitCode()).as(renamed.err()).isZero();
        assertThat(renamed.err()).isEmpty();
        CliRunner old = CliRunner.run("pss", "examples/hardened", "--level", "restricted", "--version", "v1.30");
        assertThat(old.exitCode()).isZero();
        assertThat(old.out()).isEqualTo(renamed.out());
        assertThat(old.err()).contains("'pss --version' is deprecated").contains("--pss-version");
        assertThat(CliRunner.run("pss", "examples/hardened", "--level", "restricted", "--version", "v1.30",
                "--pss-version", "v1.29").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("pss", "--help").out()).contains("--pss-version").doesNotContain("--version=");
    }

    @Test
    void oldFormatSpellingsAreAliases() {
        String txt = CliRunner.run("netpol", "reach", SHOP_NETPOL, "-f", "txt").out();
        assertThat(txt).isEqualTo(CliRunner.run("netpol", "reach", SHOP_NETPOL, "-f", "text").out()).isNotEmpty();
        assertThat(CliRunner.run("netpol", "reach", SHOP_NETPOL).out()).isEqualTo(txt);
        String md = CliRunner.run("netpol", "diff", SHOP_NETPOL, "src/test/resources/netpol-cli/shop-v2", "-f", "md").out();
        assertThat(md).startsWith("| diff-type |").isEqualTo(CliRunner.run("netpol", "diff", SHOP_NETPOL,
                "src/test/resources/netpol-cli/shop-v2", "--format", "markdown").out());
        assertThat(CliRunner.run("checks", "-f", "md").out()).isEqualTo(CliRunner.run("checks", "-f", "markdown").out());
    }

    @Test
    void enumeratedValuesAreCaseInsensitiveEverywhere() {
        CliRunner json = CliRunner.run("scan", "examples/hardened", "-f", "JSON", "--fail-on", "HIGH", "--color", "Never",
                "--min-severity", "Low", "--severity", "HIGH,low");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"schemaVersion\"");
        CliRunner pss = CliRunner.run("pss", "examples/hardened", "--level", "Restricted", "--pss-version", "LATEST", "-f", "Json");
        assertThat(pss.exitCode()).as(pss.err()).isZero();
        assertThat(CliRunner.run("netpol", "reach", SHOP_NETPOL, "-f", "CSV").out()).startsWith("src,dst,conn");
        assertThat(CliRunner.run("rbac", "paths", SHOP_RBAC, "-f", "DOT").out()).startsWith("digraph");
    }

    @Test
    void unknownFormatsAreUsageErrorsWithTheCommandsOwnList() {
        CliRunner r = CliRunner.run("pss", "examples/hardened", "--level", "restricted", "-f", "sarif");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'sarif' is not one of text, json");
        assertThat(CliRunner.run("scan", "--help").out()).contains("text, json, sarif, junit or html (default: text)");
        assertThat(CliRunner.run("netpol", "reach", "--help").out()).contains("text, json, csv, markdown, dot, svg or html");
    }

    @Test
    void suggestionsAreOnlyForNamesThatAreClose() {
        assertThat(CliRunner.run("sacn").err()).contains("unknown command 'sacn'; did you mean 'scan'?");
        assertThat(CliRunner.run("explain", "privileged").err()).contains("did you mean 'privileged-container'?");
        assertThat(CliRunner.run("explain", "privileged-containr").err()).contains("did you mean 'privileged-container'?");
        assertThat(CliRunner.run("scan", "--fromat", "json").err()).contains("did you mean '--format'?");
        assertThat(CliRunner.run("scan", "--fail-on", "hgih").err()).contains("did you mean 'high'?");
        assertThat(CliRunner.run("scan", "-f", "sarf").err()).contains("did you mean 'sarif'?");
        assertThat(CliRunner.run("rbac", "who-cna").err()).contains("did you mean 'who-can'?");
        for (String[] far : new String[][] {{"zzzzzz"}, {"explain", "qqqqqqqq"}, {"scan", "--qqqqqq"}, {"scan", "-f", "xml"}}) {
            CliRunner r = CliRunner.run(far);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", far)).doesNotContain("did you mean").doesNotContain("Exception");
        }
    }

    @Test
    void colourFollowsTheTerminalAndNoColor() {
        Path cwd = Path.of("");
        String[] scan = {"scan", "examples/insecure/cache.yaml"};
        assertThat(CliRunner.run(CliRunner.env(cwd, true), scan).out()).contains("\u001b[");
        assertThat(CliRunner.run(CliRunner.env(cwd, false), scan).out()).doesNotContain("\u001b[");
        assertThat(CliRunner.run(CliRunner.env(cwd, true, "NO_COLOR", "1"), scan).out()).doesNotContain("\u001b[");
        // no-color.org: an empty NO_COLOR is no request; an explicit --color always overrides it.
        assertThat(CliRunner.run(CliRunner.env(cwd, true, "NO_COLOR", ""), scan).out()).contains("\u001b[");
        assertThat(CliRunner.run(CliRunner.env(cwd, false, "NO_COLOR", "1"), "scan", "examples/insecure/cache.yaml",
                "--color", "always").out()).contains("\u001b[");
        assertThat(CliRunner.run(CliRunner.env(cwd, true), "scan", "examples/insecure/cache.yaml", "--color", "never")
                .out()).doesNotContain("\u001b[");
        assertThat(CliRunner.run(CliRunner.env(cwd, true, "TERM", "dumb"), scan).out()).doesNotContain("\u001b[");
        // Only the text format is coloured.
        assertThat(CliRunner.run(CliRunner.env(cwd, true), "scan", "examples/insecure/cache.yaml", "-f", "json",
                "--color", "always").out()).doesNotContain("\u001b[");
    }

    @Test
    void quietPrintsOnlyTheSummaryLine() {
        List<String[]> commands = List.of(
                new String[] {"scan", "examples/insecure"},
                new String[] {"pss", "examples/insecure", "--level", "restricted"},
                new String[] {"images", "examples/insecure"},
                new String[] {"audit-policy", "src/test/resources/audit/leaky.yaml"},
                new String[] {"rbac", "who-can", "get", "secrets", "-n", "shop", SHOP_RBAC},
                new String[] {"rbac", "can", "user:alice", "get", "secrets", "-n", "shop", SHOP_RBAC},
                new String[] {"rbac", "permissions", "user:alice", SHOP_RBAC},
                new String[] {"rbac", "paths", "--bootstrap", SHOP_RBAC},
                new String[] {"netpol", "reach", SHOP_NETPOL},
                new String[] {"netpol", "explain", "--from", "shop/frontend", "--to", "shop/backend", SHOP_NETPOL},
                new String[] {"netpol", "diff", SHOP_NETPOL, "src/test/resources/netpol-cli/shop-v2"},
                new String[] {"checks"});
        for (String[] command : commands) {
            CliRunner full = CliRunner.run(command);
            List<String> quietArgs = new ArrayList<>(List.of(command));
            quietArgs.add("--quiet");
            CliRunner quiet = CliRunner.run(quietArgs.toArray(String[]::new));
            String name = String.join(" ", command);
            assertThat(quiet.exitCode()).as(name).isEqualTo(full.exitCode());
            assertThat(quiet.out().lines().count()).as(name + ":\n" + quiet.out()).isEqualTo(1);
            assertThat(full.out().lines().count()).as(name).isGreaterThan(1);
        }
        assertThat(CliRunner.run("scan", "examples/insecure", "-q").out())
                .isEqualTo(CliRunner.run("scan", "examples/insecure").out().lines().reduce((a, b) -> b).orElseThrow() + "\n");
    }

    @Test
    void explainWritesTheSameFormatsAsChecks() throws Exception {
        String markdown = CliRunner.run("explain", "host-pid", "-f", "markdown").out();
        assertThat(markdown).startsWith("### host-pid\n");
        assertThat(java.nio.file.Files.readString(Path.of("docs/checks.md"))).contains(markdown);
        assertThat(CliRunner.run("explain", "host-pid", "-f", "json").out()).contains("\"id\" : \"host-pid\"");
    }

    @Test
    void suggestionDistanceUnits() {
        assertThat(Suggestions.distance("sacn", "scan")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.closest("privileged", List.of("privileged-container", "host-pid", "privilege-escalation-allowed")))
                .containsExactly("privileged-container");
        assertThat(Suggestions.closest("xyz", List.of("scan", "pss", "images"))).isEmpty();
        assertThat(Suggestions.closest("pss", List.of("scan", "pss", "images"))).isEmpty();
        assertThat(Suggestions.closest("node", List.of("scan", "pss", "images", "node-files"))).containsExactly("node-files");
    }
}
