package dev.kubeward.check;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Position;
import dev.kubeward.model.Resource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every exemption of one scan, from the configuration and from the annotations of the objects
 * reported on, with what became of it: which findings it suppressed, and whether it names nothing
 * or has expired. One exemption is one check id or glob, so an annotation
 * {@code kubeward.dev/ignore: "a, b"} is two exemptions, each reported on its own.
 *
 * <ul>
 *   <li>An exemption whose id is unknown, or whose glob matches no check ({@link CheckIds}), is
 *       <em>invalid</em>: it suppresses nothing and is reported as {@code exemption-invalid}.</li>
 *   <li>An exemption applies through its {@code until} day and is <em>expired</em> from the next
 *       day on (judged against the scan's today, {@code --now} in tests): it suppresses nothing
 *       and is reported as {@code exemption-expired}, with the number of findings it would still
 *       have covered, which are reported again.</li>
 *   <li>An exemption that suppressed no finding is <em>unused</em> ({@code exemption-unused},
 *       opt-in with {@code --report-unused-exemptions}).</li>
 * </ul>
 * Findings about exemptions are never suppressed themselves: an exemption cannot vouch for
 * itself, and the fix (correct the id, renew the date, delete the entry) is always at hand.
 *
 * <p>Thread-safe: findings are suppressed from the parallel per-object pass.
 */
public final class Exemptions {
    public static final String IGNORE_UNTIL_ANNOTATION = "kubeward.dev/ignore-until";
    public static final String INVALID = "exemption-invalid";
    public static final String EXPIRED = "exemption-expired";
    public static final String UNUSED = "exemption-unused";
    /** The checks about exemptions, which no exemption may suppress. */
    public static final Set<String> ABOUT_EXEMPTIONS = Set.of(INVALID, EXPIRED, UNUSED);

    /** One exemption and what became of it in this scan. */
    public static final class Entry {
        private final Exemption exemption;
        private final Suppression.Kind kind;
        private final String problem;
        private final boolean expired;
        private final LongAdder uses = new LongAdder();
        private final LongAdder wouldHaveCovered = new LongAdder();

        Entry(Exemption exemption, Suppression.Kind kind, String problem, boolean expired) {
            this.exemption = exemption;
            this.kind = kind;
            this.problem = problem;
            // An exemption that names nothing is reported as invalid, not as expired as well.
            this.expired = problem == null && expired;
        }

        public Exemption exemption() {
            return exemption;
        }

        /** Written in an annotation or in the configuration. */
        public Suppression.Kind kind() {
            return kind;
        }

        /** Why the exemption names nothing, or null. */
        public String problem() {
            return problem;
        }

        public boolean expired() {
            return expired;
        }

        /** Neither invalid nor expired: it suppresses what it covers. */
        public boolean active() {
            return problem == null && !expired;
        }

        /** The findings it suppressed. */
        public long uses() {
            return uses.sum();
        }

        /** For an expired exemption, the findings it covers and no longer suppresses. */
        public long wouldHaveCovered() {
            return wouldHaveCovered.sum();
        }

        /** "kubeward.dev/ignore entry 'run-as-root'", "exemption of 'hostpath-*' (namespace monitoring)". */
        public String describe() {
            if (kind == Suppression.Kind.ANNOTATION) {
                return Scanner.IGNORE_ANNOTATION + " entry '" + exemption.check() + "'";
            }
            List<String> scope = new ArrayList<>();
            addScope(scope, "kind", exemption.kind());
            addScope(scope, "namespace", exemption.namespace());
            addScope(scope, "name", exemption.name());
            return "exemption of '" + exemption.check() + "'" + (scope.isEmpty() ? "" : " (" + String.join(", ", scope) + ")");
        }

        private static void addScope(List<String> scope, String key, String glob) {
            if (glob != null && !glob.equals("*")) {
                scope.add(key + " " + glob);
            }
        }
    }

    private final List<Entry> configured = new ArrayList<>();
    private final Map<Resource, List<Entry>> byObject = new IdentityHashMap<>();
    private final List<Entry> all = new ArrayList<>();

    /**
     * @param targets the objects reported on; annotations of context objects exempt nothing here
     * @param today the day expiry is judged on
     */
    public Exemptions(Config config, Collection<Resource> targets, CheckIds ids, LocalDate today) {
        for (Exemption e : config.exemptions()) {
            Entry entry = new Entry(e, Suppression.Kind.CONFIG, ids.problem(e.check()), e.expiredOn(today));
            configured.add(entry);
            all.add(entry);
        }
        for (Resource r : targets) {
            List<Entry> entries = fromAnnotations(r, ids, today);
            if (!entries.isEmpty()) {
                byObject.put(r, entries);
                all.addAll(entries);
            }
        }
    }

    /** Every exemption: the configuration's in file order, then the annotations' in object order. */
    public List<Entry> all() {
        return List.copyOf(all);
    }

    /** The suppression that applies to a finding on {@code resource}, counted as a use; null when none does. */
    Suppression suppress(Finding f, Resource resource) {
        if (ABOUT_EXEMPTIONS.contains(f.checkId())) {
            return null;
        }
        if (!f.checkId().equals(Scanner.EXEMPTION_REASON_MISSING)) {
            for (Entry e : byObject.getOrDefault(resource, List.of())) {
                if (e.problem == null && Glob.matches(e.exemption.check(), f.checkId()) && apply(e)) {
                    return new Suppression(Suppression.Kind.ANNOTATION, e.exemption.reason());
                }
            }
        }
        for (Entry e : configured) {
            if (e.problem == null && e.exemption.covers(f.checkId(), f.resource()) && apply(e)) {
                return new Suppression(Suppression.Kind.CONFIG, e.exemption.reason());
            }
        }
        return null;
    }

    /** Counts the use, or for an expired exemption the finding it no longer covers; true when it suppresses. */
    private static boolean apply(Entry e) {
        if (e.expired) {
            e.wouldHaveCovered.increment();
            return false;
        }
        e.uses.increment();
        return true;
    }

    private static List<Entry> fromAnnotations(Resource r, CheckIds known, LocalDate today) {
        Map<String, String> annotations = r.annotations();
        String value = annotations.get(Scanner.IGNORE_ANNOTATION);
        String untilText = annotations.get(IGNORE_UNTIL_ANNOTATION);
        if ((value == null || value.isBlank()) && untilText == null) {
            return List.of();
        }
        Exemption.Site untilSite = untilText == null ? null : site(r, IGNORE_UNTIL_ANNOTATION);
        if (value == null || value.isBlank()) {
            return List.of(new Entry(new Exemption(untilText, "*", "*", "*", "", null, untilSite, untilSite),
                    Suppression.Kind.ANNOTATION, IGNORE_UNTIL_ANNOTATION + " without " + Scanner.IGNORE_ANNOTATION
                            + ": it exempts nothing", false));
        }
        String given = annotations.get(Scanner.IGNORE_REASON_ANNOTATION);
        String reason = given == null || given.isBlank() ? "exempted by annotation (no reason given)" : given;
        Exemption.Site site = site(r, Scanner.IGNORE_ANNOTATION);
        LocalDate until = untilText == null ? null : parseDate(untilText);
        if (untilText != null && until == null) {
            // One finding for the annotation, not one per id: every id of it is held back by the date.
            return List.of(new Entry(new Exemption(value.strip(), "*", "*", "*", reason, null, untilSite, untilSite),
                    Suppression.Kind.ANNOTATION, IGNORE_UNTIL_ANNOTATION + " '" + untilText
                            + "' is not a date such as 2027-01-31, so the exemption does not apply", false));
        }
        List<String> ids = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            return List.of(new Entry(new Exemption(value, "*", "*", "*", reason, until, site, untilSite),
                    Suppression.Kind.ANNOTATION, "'" + value + "' lists no check id", false));
        }
        List<Entry> out = new ArrayList<>();
        for (String id : ids) {
            Exemption e = new Exemption(id, "*", "*", "*", reason, until, site, untilSite);
            out.add(new Entry(e, Suppression.Kind.ANNOTATION, known.problem(id), e.expiredOn(today)));
        }
        return out;
    }

    private static Exemption.Site site(Resource r, String annotation) {
        JsonPath path = JsonPath.of("metadata", "annotations", annotation);
        dev.kubeward.model.Location p = r.where(path);
        return new Exemption.Site(r.ref(), p.file(), r.origin().document(), p.line(), p.column(), path);
    }

    /** An ISO date (2027-01-31), or null when the text is not one. */
    public static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
