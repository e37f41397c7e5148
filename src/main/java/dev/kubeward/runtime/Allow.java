package dev.kubeward.runtime;

import dev.kubeward.check.Glob;
import dev.kubeward.netpol.IpRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Who and what a detection leaves alone: users and groups (globs, as the rest of the
 * configuration writes them), the namespace of the request's object, images (for object rules:
 * an object whose every image matches), and the source addresses of the request.
 */
public record Allow(List<String> users, List<String> groups, List<String> namespaces, List<String> images,
        List<IpRange> sourceCIDRs) {
    public static final Allow NONE = new Allow(List.of(), List.of(), List.of(), List.of(), List.of());

    public Allow {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        namespaces = List.copyOf(namespaces);
        images = List.copyOf(images);
        sourceCIDRs = List.copyOf(sourceCIDRs);
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
        for (String u : users) {
            if (Glob.matches(u, e.user().username())) {
                return true;
            }
        }
        for (String g : groups) {
            for (String group : e.user().groups()) {
                if (Glob.matches(g, group)) {
                    return true;
                }
            }
        }
        if (!namespaces.isEmpty() && e.objectRef() != null && !e.objectRef().namespace().isEmpty()) {
            for (String n : namespaces) {
                if (Glob.matches(n, e.objectRef().namespace())) {
                    return true;
                }
            }
        }
        // Every address must be allowed: the first ones come from X-Forwarded-For, which the client writes.
        if (!sourceCIDRs.isEmpty() && !e.sourceIPs().isEmpty()) {
            return e.sourceIPs().stream().allMatch(ip -> inAny(sourceCIDRs, ip));
        }
        return false;
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
