package dev.kubeward.runtime;

import dev.kubeward.check.Glob;
import dev.kubeward.netpol.IpRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who and what a detection leaves alone: users and groups (globs, as the rest of the
 * configuration writes them), the namespace of the request's object, images (for object rules:
 * an object whose every image matches), and the source addresses of the request.
 */
public final class Allow {
    public static final Allow NONE = new Allow(List.of(), List.of(), List.of(), List.of(), List.of());

    private final List<String> users;
    private final List<String> groups;
    private final List<String> namespaces;
    private final List<String> images;
    private final List<IpRange> sourceCIDRs;
    // The user, group and namespace lists compiled once: names without a wildcard are looked up, the others matched.
    private final Names userNames;
    private final Names groupNames;
    private final Names namespaceNames;

    public Allow(List<String> users, List<String> groups, List<String> namespaces, List<String> images,
            List<IpRange> sourceCIDRs) {
        this.users = List.copyOf(users);
        this.groups = List.copyOf(groups);
        this.namespaces = List.copyOf(namespaces);
        this.images = List.copyOf(images);
        this.sourceCIDRs = List.copyOf(sourceCIDRs);
        this.userNames = new Names(this.users);
        this.groupNames = new Names(this.groups);
        this.namespaceNames = new Names(this.namespaces);
    }

    public List<String> users() {
        return users;
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> namespaces() {
        return namespaces;
    }

    public List<String> images() {
        return images;
    }

    public List<IpRange> sourceCIDRs() {
        return sourceCIDRs;
    }

    /** Globs as {@link Glob} matches them, the literal ones in a hash set. */
    private static final class Names {
        private final Set<String> literal = new HashSet<>();
        private final List<String> globs = new ArrayList<>();

        Names(List<String> patterns) {
            for (String p : patterns) {
                if (p.indexOf('*') < 0 && p.indexOf('?') < 0) {
                    literal.add(p);
                } else {
                    globs.add(p);
                }
            }
        }

        boolean isEmpty() {
            return literal.isEmpty() && globs.isEmpty();
        }

        boolean matches(String name) {
            String n = name == null ? "" : name;
            if (literal.contains(n)) {
                return true;
            }
            for (String g : globs) {
                if (Glob.matches(g, n)) {
                    return true;
                }
            }
            return false;
        }
    }

    public static Allow users(String... users) {
        return new Allow(List.of(users), List.of(), List.of(), List.of(), List.of());
    }

    public static Allow groups(String... groups) {
        return new Allow(List.of(), List.of(groups), List.of(), List.of(), List.of());
    }

    public Allow plus(Allow o) {
        return new Allow(concat(users, o.users), concat(groups, o.groups), concat(namespaces, o.namespaces),
                concat(images, o.images), concat(sourceCIDRs, o.sourceCIDRs));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** True when the request's user, one of its groups, its object's namespace or every one of its source addresses is allowed. */
    public boolean allows(AuditEvent e) {
        if (userNames.matches(e.user().username())) {
            return true;
        }
        if (!groupNames.isEmpty()) {
            for (String group : e.user().groups()) {
                if (groupNames.matches(group)) {
                    return true;
                }
            }
        }
        if (!namespaceNames.isEmpty() && e.objectRef() != null && !e.objectRef().namespace().isEmpty()
                && namespaceNames.matches(e.objectRef().namespace())) {
            return true;
        }
        // Every address must be allowed: the first ones come from X-Forwarded-For, which the client writes.
        if (!sourceCIDRs.isEmpty() && !e.sourceIPs().isEmpty()) {
            return e.sourceIPs().stream().allMatch(ip -> inAny(sourceCIDRs, ip));
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Allow a && users.equals(a.users) && groups.equals(a.groups) && namespaces.equals(a.namespaces)
                && images.equals(a.images) && sourceCIDRs.equals(a.sourceCIDRs);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(users, groups, namespaces, images, sourceCIDRs);
    }

    @Override
    public String toString() {
        return "Allow[users=" + users + ", groups=" + groups + ", namespaces=" + namespaces + ", images=" + images
                + ", sourceCIDRs=" + sourceCIDRs + "]";
    }

    /** True when there are images and each of them is allowed. */
    public boolean allowsImages(List<String> refs) {
        if (images.isEmpty() || refs.isEmpty()) {
            return false;
        }
        return refs.stream().allMatch(ref -> images.stream().anyMatch(g -> Glob.matches(g, ref)));
    }

    /** True when {@code ip} is an address inside one of {@code ranges}. */
    static boolean inAny(List<IpRange> ranges, String ip) {
        IpRange a = address(ip);
        return a != null && ranges.stream().anyMatch(r -> r.contains(a));
    }

    /** A source address as a one-address range, or null when it is not an IP literal. */
    static IpRange address(String ip) {
        try {
            return IpRange.parseAddress(ip);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
