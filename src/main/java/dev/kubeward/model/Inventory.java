package dev.kubeward.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every object of one scan, indexed once: by kind, and by kind + namespace + name. Cross-object
 * checks (a pod and its ServiceAccount, a namespace and its policies) look things up here.
 */
public final class Inventory {
    private final List<Resource> resources;
    private final Map<String, List<Resource>> byKind = new HashMap<>();
    private final Map<String, Resource> byKey = new HashMap<>();
    private final Map<Object, Derived<?>> derived = new java.util.concurrent.ConcurrentHashMap<>();
    private final WorkloadKinds workloadKinds;
    private volatile StaticPods staticPods;
    /** The inventory this one lies over ({@link #over}), or null. */
    private final Inventory context;
    private volatile List<Resource> all;
    /** Where the objects come from, for messages about one that is absent: "the input", "the cluster". */
    private final String place;

    /** Where the objects of a scan come from, unless said otherwise. */
    public static final String INPUT = "the input";

    public Inventory(List<Resource> resources) {
        this(resources, WorkloadKinds.BUILT_IN);
    }

    /** @param workloadKinds the kinds that carry pods: {@link WorkloadKinds#BUILT_IN} plus the configuration's */
    public Inventory(List<Resource> resources, WorkloadKinds workloadKinds) {
        this(resources, workloadKinds, null, INPUT);
    }

    /**
     * @param place where the objects come from, as a message about an object that is not here
     *     says it ({@code "ServiceAccount web is not in " + place}): {@link #INPUT}, "the cluster"
     */
    public Inventory(List<Resource> resources, WorkloadKinds workloadKinds, String place) {
        this(resources, workloadKinds, null, place);
    }

    private Inventory(List<Resource> resources, WorkloadKinds workloadKinds, Inventory context, String place) {
        this.workloadKinds = workloadKinds;
        this.place = place;
        this.resources = List.copyOf(resources);
        this.context = context;
        for (Resource r : this.resources) {
            byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
            byKey.putIfAbsent(key(r.kind(), r.namespace(), r.name()), r);
        }
        if (context == null) {
            all = this.resources;
        }
    }

    /**
     * A few objects over a larger inventory that stays as it is (the object of an admission
     * request over the cluster cache): lookups see both, and an object here hides the context's
     * object of the same kind, namespace and name (an UPDATE's new version over the cached one).
     * Building it costs the few objects only; {@link #all} copies the context on first use.
     * Derived values are this inventory's own, computed over both.
     */
    public static Inventory over(Inventory context, List<Resource> resources, WorkloadKinds workloadKinds) {
        return new Inventory(resources, workloadKinds, context, context.place);
    }

    /**
     * Where the objects come from, for a message about one that is absent ("is not in the
     * input"); an inventory {@link #over} another says the other's place.
     */
    public String place() {
        return place;
    }

    /**
     * A value computed once per inventory and shared by every check that asks for it, such as a
     * reachability model or an RBAC index. Checks run in parallel; the first caller computes,
     * the others wait for it. A computation may itself ask for other derived values: the map only
     * ever holds a holder per key, and the work happens outside the map's own locking.
     *
     * @param key identifies the value; use a constant of the engine that owns it
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, java.util.function.Function<Inventory, T> compute) {
        Derived<T> holder = (Derived<T>) derived.computeIfAbsent(key, k -> new Derived<T>());
        return holder.get(() -> compute.apply(this));
    }

    /** Computes its value once, on first request. */
    private static final class Derived<T> {
        private T value;
        private boolean done;

        synchronized T get(java.util.function.Supplier<T> compute) {
            if (!done) {
                value = compute.get();
                done = true;
            }
            return value;
        }
    }

    public WorkloadKinds workloadKinds() {
        return workloadKinds;
    }

    /**
     * Every pod the object carries, with the scan's workload kinds, and with static pods told
     * apart by the static pod directories the scanned kubelet configuration names as well as by the
     * known ones. Every reader of pods in a scan goes through here (an unmodifiable list).
     */
    public List<PodTemplate> podTemplates(Resource r) {
        return PodTemplate.all(r, workloadKinds, staticPods());
    }

    /** Whether the object carries at least one pod. */
    public boolean isPodBearing(Resource r) {
        return !podTemplates(r).isEmpty();
    }

    private StaticPods staticPods() {
        StaticPods s = staticPods;
        if (s == null) {
            // the same value whichever thread computes it first; only kubelet configurations name places
            s = StaticPods.of(context == null ? resources : ofKind("KubeletConfiguration"));
            staticPods = s;
        }
        return s;
    }

    public List<Resource> all() {
        List<Resource> a = all;
        if (a == null) {
            List<Resource> merged = new ArrayList<>(resources);
            for (Resource r : context.all()) {
                if (!byKey.containsKey(key(r.kind(), r.namespace(), r.name()))) {
                    merged.add(r);
                }
            }
            a = Collections.unmodifiableList(merged);
            all = a;
        }
        return a;
    }

    public List<Resource> ofKind(String kind) {
        List<Resource> own = byKind.getOrDefault(kind, Collections.emptyList());
        if (context == null) {
            return own;
        }
        List<Resource> theirs = context.ofKind(kind);
        if (own.isEmpty()) {
            return theirs;
        }
        List<Resource> merged = new ArrayList<>(own);
        for (Resource r : theirs) {
            if (!byKey.containsKey(key(r.kind(), r.namespace(), r.name()))) {
                merged.add(r);
            }
        }
        return Collections.unmodifiableList(merged);
    }

    /** Looks an object up; a null namespace matches objects written without one. */
    public Optional<Resource> find(String kind, String namespace, String name) {
        Resource r = byKey.get(key(kind, namespace, name));
        return r != null || context == null ? Optional.ofNullable(r) : context.find(kind, namespace, name);
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "\u0000" + (namespace == null ? "" : namespace) + "\u0000" + name;
    }
}
