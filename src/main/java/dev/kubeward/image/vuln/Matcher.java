package dev.kubeward.image.vuln;

import dev.kubeward.image.Package;
import dev.kubeward.image.version.GoModuleVersion;
import dev.kubeward.image.version.InvalidVersionException;
import dev.kubeward.image.version.Orderings;
import dev.kubeward.image.version.SemVer;
import dev.kubeward.image.version.VersionOrdering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Matches packages against the index: finds the affected entries of the package's name in its
 * ecosystem and release, evaluates them ({@link Evaluation}), merges the records that describe the
 * same vulnerability, and rates each one.
 */
final class Matcher {
    private static final Pattern EMBEDDED_CVE = Pattern.compile("CVE-\\d{4}-\\d+");

    private final Function<String, IndexFile> shards;
    private final long now;

    /** @param shards the index of an ecosystem base, or null when there is none */
    Matcher(Function<String, IndexFile> shards, long now) {
        this.shards = shards;
        this.now = now;
    }

    /** One record's hit on the package. */
    private record Hit(OsvRecord record, OsvRecord.Affected affected, String fixed, boolean fixKnown) {}

    /** One package's part of the result. */
    private record Part(List<VulnMatch> matches, List<LookupResult.Unmatched> unmatched, List<String> problems) {}

    /** Looks the packages up, in parallel, and gives the results in the order of the packages. */
    LookupResult lookup(List<Package> packages) {
        List<Part> parts = packages.parallelStream().map(p -> {
            Part part = new Part(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            matchOne(p, part.matches, part.unmatched, part.problems);
            return part;
        }).toList();
        List<VulnMatch> matches = new ArrayList<>();
        List<LookupResult.Unmatched> unmatched = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Part part : parts) {
            matches.addAll(part.matches);
            unmatched.addAll(part.unmatched);
            problems.addAll(part.problems);
        }
        return new LookupResult(List.copyOf(matches), List.copyOf(unmatched), List.copyOf(problems));
    }

    private void matchOne(Package p, List<VulnMatch> matches, List<LookupResult.Unmatched> unmatched, List<String> problems) {
        if (p.ecosystem() == null || p.ecosystem().isBlank() || p.name() == null || p.version() == null) {
            unmatched.add(new LookupResult.Unmatched(p, "no ecosystem, name or version"));
            return;
        }
        String base = Orderings.base(p.ecosystem());
        IndexFile file = shards.apply(base);
        if (file == null) {
            unmatched.add(new LookupResult.Unmatched(p, "the database holds no " + base + " data (import OSV's "
                    + base + "/all.zip)"));
            return;
        }
        boolean os = p.osRelease() != null;
        String version = os && p.sourceVersion() != null ? p.sourceVersion() : p.version();
        if (base.equals("Go")) {
            version = GoModuleVersion.toSemVer(p.name(), version);
        }
        List<String> names = new ArrayList<>();
        names.add(os && p.sourceName() != null ? p.sourceName() : p.name());
        if (base.equals("Red Hat") && !names.contains(p.name())) {
            names.add(p.name()); // Red Hat's records name binary or source rpms
        }
        Optional<VersionOrdering> ecosystemOrder = Orderings.forEcosystem(base);
        String invalid = null;
        if (ecosystemOrder.isPresent()) {
            try {
                ecosystemOrder.get().validate(version);
            } catch (InvalidVersionException e) {
                invalid = e.getMessage();
            }
        }
        String notSemVer = null;
        try {
            SemVer.STRICT.validate(version);
        } catch (InvalidVersionException e) {
            notSemVer = e.getMessage();
        }
        List<Hit> hits = new ArrayList<>();
        Map<Integer, OsvRecord> records = new HashMap<>();
        boolean unevaluated = false;
        boolean semverSkipped = false;
        int id1 = file.find(version);
        int id2 = version.equals(p.version()) ? -1 : file.find(p.version());
        int[] listedIds = id1 >= 0 && id2 >= 0 ? new int[] {id1, id2} : id1 >= 0 ? new int[] {id1} : id2 >= 0 ? new int[] {id2} : new int[0];
        for (String name : names) {
            for (int k : file.keysOf(Names.normalize(base, name))) {
                if (!ecosystemMatches(file.keyEcosystem(k), p, base)) {
                    continue; // another release's entries: not decoded at all
                }
                for (IndexFile.Entry entry : file.entries(k, listedIds, false)) {
                    OsvRecord.Affected a = entry.affected();
                    if (!ecosystemMatches(a.ecosystem(), p, base)) {
                        continue;
                    }
                    OsvRecord r = records.computeIfAbsent(entry.record(), file::record);
                    if (r.withdrawn() != 0 && r.withdrawn() <= now) {
                        continue;
                    }
                    boolean listed = entry.listed();
                    boolean affected = false;
                    String fixed = null;
                    boolean fixKnown = false;
                    for (OsvRecord.Range range : a.ranges()) {
                        VersionOrdering order = range.type() == OsvRecord.RangeType.SEMVER ? SemVer.STRICT : ecosystemOrder.orElse(null);
                        if (order == SemVer.STRICT && range.type() == OsvRecord.RangeType.SEMVER && notSemVer != null) {
                            semverSkipped = true;
                            continue;
                        }
                        if (order == null) {
                            unevaluated = true;
                            continue;
                        }
                        if (order != SemVer.STRICT && invalid != null) {
                            continue;
                        }
                        try {
                            Evaluation.Hit h = Evaluation.range(order, version, range);
                            if (h.affected()) {
                                affected = true;
                                if (h.fixed() != null) {
                                    fixed = fixed == null ? h.fixed() : max(order, fixed, h.fixed());
                                    fixKnown = true;
                                }
                            }
                        } catch (InvalidVersionException e) {
                            problems.add(r.id() + " on " + p.name() + " " + p.version() + ": " + e.getMessage()
                                    + "; that range was not evaluated");
                        }
                    }
                    if (affected || listed) {
                        hits.add(new Hit(r, a, fixed, fixKnown));
                    }
                }
            }
        }
        if (invalid != null) {
            unmatched.add(new LookupResult.Unmatched(p, invalid + " (only exact 'versions' entries were matched)"));
        } else if (unevaluated) {
            unmatched.add(new LookupResult.Unmatched(p, base + " has no faithful version ordering in kubeward: its "
                    + "ECOSYSTEM ranges were not evaluated (only 'versions' lists and SEMVER ranges were)"));
        } else if (semverSkipped) {
            unmatched.add(new LookupResult.Unmatched(p, notSemVer + ": the records' SEMVER ranges were not evaluated"));
        }
        merge(p, hits, ecosystemOrder.orElse(SemVer.STRICT), matches);
    }

    /** Release matching: {@code Debian:12} takes records for {@code Debian:12} and for all of {@code Debian}. */
    static boolean ecosystemMatches(String affected, Package p, String base) {
        if (p.osRelease() == null) {
            return affected.equals(p.ecosystem());
        }
        String r = p.osRelease();
        return affected.equals(r) || affected.equals(base) || affected.startsWith(r + ":");
    }

    private static String max(VersionOrdering order, String a, String b) {
        try {
            return order.compare(a, b) >= 0 ? a : b;
        } catch (InvalidVersionException e) {
            return a;
        }
    }

    static Set<String> cves(OsvRecord r) {
        Set<String> out = new TreeSet<>();
        for (String id : ids(r)) {
            if (id.startsWith("CVE-")) {
                out.add(id);
            }
        }
        java.util.regex.Matcher m = EMBEDDED_CVE.matcher(r.id());
        if (out.isEmpty() && m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<String> ids(OsvRecord r) {
        List<String> l = new ArrayList<>(1 + r.aliases().size() + r.upstream().size());
        l.add(r.id());
        l.addAll(r.aliases());
        l.addAll(r.upstream());
        return l;
    }

    private static boolean linked(OsvRecord a, OsvRecord b) {
        return a.aliases().contains(b.id()) || b.aliases().contains(a.id()) || a.upstream().contains(b.id())
                || b.upstream().contains(a.id()) || a.aliases().stream().anyMatch(b.aliases()::contains);
    }

    /** Groups the hits by vulnerability (the CVE first) and makes one match of each group. */
    private void merge(Package p, List<Hit> hits, VersionOrdering order, List<VulnMatch> out) {
        if (hits.isEmpty()) {
            return;
        }
        Map<Hit, Set<String>> keys = new LinkedHashMap<>();
        for (Hit h : hits) {
            keys.put(h, cves(h.record));
        }
        // A record without a CVE of its own takes those of the records it is an alias of.
        boolean changed = true;
        for (int round = 0; changed && round < 4; round++) {
            changed = false;
            for (Hit h : hits) {
                if (!keys.get(h).isEmpty()) {
                    continue;
                }
                Set<String> borrowed = new TreeSet<>();
                for (Hit o : hits) {
                    if (o != h && !keys.get(o).isEmpty() && linked(h.record, o.record)) {
                        borrowed.addAll(keys.get(o));
                    }
                }
                if (!borrowed.isEmpty()) {
                    keys.put(h, borrowed);
                    changed = true;
                }
            }
        }
        // The rest: records that name each other form one vulnerability, named by its GHSA or its first id.
        List<Hit> rest = hits.stream().filter(h -> keys.get(h).isEmpty()).toList();
        Map<Hit, Hit> parent = new HashMap<>();
        rest.forEach(h -> parent.put(h, h));
        for (int i = 0; i < rest.size(); i++) {
            for (int j = i + 1; j < rest.size(); j++) {
                if (linked(rest.get(i).record, rest.get(j).record)) {
                    parent.put(root(parent, rest.get(i)), root(parent, rest.get(j)));
                }
            }
        }
        Map<Hit, Set<String>> groups = new HashMap<>();
        for (Hit h : rest) {
            groups.computeIfAbsent(root(parent, h), x -> new TreeSet<>()).add(h.record.id());
        }
        for (Hit h : rest) {
            Set<String> ids = groups.get(root(parent, h));
            String canonical = ids.stream().filter(s -> s.startsWith("GHSA-")).findFirst().orElse(ids.iterator().next());
            keys.put(h, Set.of(canonical));
        }
        Map<String, List<Hit>> byKey = new LinkedHashMap<>();
        for (Hit h : hits) {
            for (String k : keys.get(h)) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(h);
            }
        }
        for (Map.Entry<String, List<Hit>> e : byKey.entrySet()) {
            out.add(match(e.getKey(), e.getValue(), p, order));
        }
    }

    private static Hit root(Map<Hit, Hit> parent, Hit h) {
        Hit r = h;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        return r;
    }

    private VulnMatch match(String key, List<Hit> group, Package p, VersionOrdering order) {
        Set<String> aliases = new TreeSet<>();
        Set<String> records = new TreeSet<>();
        String fixed = null;
        boolean allFixed = true;
        for (Hit h : group) {
            records.add(h.record.id());
            for (String id : ids(h.record)) {
                java.util.regex.Matcher m = EMBEDDED_CVE.matcher(id);
                if (!id.equals(key) && (!m.find() || m.group().equals(key))) {
                    aliases.add(id);
                }
            }
            if (!h.fixKnown) {
                allFixed = false;
            } else {
                fixed = fixed == null ? h.fixed : max(order, fixed, h.fixed);
            }
        }
        String summary = null;
        for (Hit h : group) {
            if (h.record.summary() != null && (summary == null || h.record.id().startsWith("GHSA-"))) {
                summary = h.record.summary();
            }
        }
        Rating rating = rate(group, p.osRelease() != null);
        return new VulnMatch(key, List.copyOf(aliases), rating.level, rating.score, rating.vector, rating.source,
                summary, allFixed ? asInstalled(p, fixed) : null, p, List.copyOf(new LinkedHashSet<>(records)));
    }

    /**
     * The fixed version written as the package's own version is: OSV writes Go versions without the
     * {@code v} (and the standard library's as SemVer), the binary says {@code v0.5.0} and
     * {@code go1.19.5}, and so does {@code go get}.
     */
    private static String asInstalled(Package p, String fixed) {
        if (fixed == null || !"Go".equals(p.ecosystem()) || p.version() == null) {
            return fixed;
        }
        if (p.version().startsWith("go") || p.version().startsWith("v")) {
            return GoModuleVersion.fromSemVer(p.name(), fixed);
        }
        return fixed;
    }

    private record Rating(VulnSeverity level, double score, String vector, String source) {}

    /**
     * The severity of a merged vulnerability: for an OS package the distribution's own rating
     * when one of its records gives one (the highest), else the highest CVSS v3 base score of the
     * records (the package's entry's own vector before the record's), else the highest v4 score,
     * else the highest v2 score, else a registry's word ({@code database_specific.severity}, GitHub's), else unknown.
     */
    private static Rating rate(List<Hit> group, boolean os) {
        Rating word = null;
        Rating v3 = null;
        Rating v2 = null;
        Rating v4 = null;
        for (Hit h : group) {
            List<OsvRecord.Score> scores = h.affected.severity().isEmpty() ? h.record.severity() : h.affected.severity();
            String w = h.affected.ecoSeverity() != null ? h.affected.ecoSeverity() : h.record.dbSeverity();
            String wSource = h.record.id() + (h.affected.ecoSeverity() != null ? " ecosystem_specific" : " database_specific");
            for (OsvRecord.Score s : scores) {
                if (s.type().equals("Ubuntu")) {
                    w = s.score();
                    wSource = h.record.id() + " Ubuntu priority";
                } else if (s.type().equals("CVSS_V3")) {
                    double sc = Cvss.v3(s.score());
                    if (!Double.isNaN(sc) && (v3 == null || sc > v3.score)) {
                        v3 = new Rating(VulnSeverity.ofScore(sc), sc, s.score(), "CVSS_V3");
                    }
                } else if (s.type().equals("CVSS_V4")) {
                    double sc = CvssV4.score(s.score());
                    if (!Double.isNaN(sc) && (v4 == null || sc > v4.score)) {
                        v4 = new Rating(VulnSeverity.ofScore(sc), sc, s.score(), "CVSS_V4");
                    }
                } else if (s.type().equals("CVSS_V2")) {
                    double sc = Cvss.v2(s.score());
                    if (!Double.isNaN(sc) && (v2 == null || sc > v2.score)) {
                        v2 = new Rating(VulnSeverity.ofV2Score(sc), sc, s.score(), "CVSS_V2");
                    }
                }
            }
            VulnSeverity level = VulnSeverity.ofWord(w);
            if (level != null && (word == null || level.compareTo(word.level) > 0)) {
                word = new Rating(level, Double.NaN, null, wSource);
            }
        }
        if (os && word != null) {
            return word;
        }
        if (v3 != null) {
            return v3;
        }
        if (v4 != null) {
            return v4;
        }
        if (v2 != null) {
            return v2;
        }
        if (word != null) {
            return word;
        }
        return new Rating(VulnSeverity.UNKNOWN, Double.NaN, null, null);
    }
}
