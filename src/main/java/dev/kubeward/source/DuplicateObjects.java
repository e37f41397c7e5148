package dev.kubeward.source;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import dev.kubeward.model.StaticPods;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two objects of one scan that the API server would store as one: the same API group, kind,
 * namespace and name (the version does not count: {@code apps/v1} and {@code apps/v1beta1}
 * Deployments are one object). {@code kubectl apply} applies the documents in order, so the last
 * one is what the cluster holds; every engine gets that one only, and each earlier one becomes a
 * notice naming both places. Objects without a name ({@code generateName}: each is a new object)
 * and kubeward's own kinds (Dockerfiles, node files) are never duplicates, nor are static pods of
 * different nodes' static pod directories (each kubelet names its mirror pod after its node).
 */
public final class DuplicateObjects {
    private DuplicateObjects() {}

    /**
     * What a cluster holds after {@code applied} is applied to what it held: each applied object
     * replaces the held one of the same group, kind, namespace and name, as {@code kubectl apply}
     * does, and the others are added; held objects nothing replaces stay.
     */
    public static List<Resource> onTop(List<Resource> held, List<Resource> applied) {
        List<Resource> both = new ArrayList<>(held);
        both.addAll(applied);
        StaticPods statics = StaticPods.of(both);
        java.util.Set<Key> replaced = new java.util.HashSet<>();
        for (Resource r : applied) {
            Key key = key(r, statics);
            if (key != null) {
                replaced.add(key);
            }
        }
        List<Resource> out = new ArrayList<>(held.size() + applied.size());
        for (Resource r : held) {
            Key key = key(r, statics);
            if (key == null || !replaced.contains(key)) {
                out.add(r);
            }
        }
        out.addAll(applied);
        return out;
    }

    /** @param node for a static pod, the static pod directory (one per node) of its file; otherwise null */
    record Key(String group, String kind, String namespace, String name, String node) {}

    static LoadResult resolve(LoadResult loaded) {
        List<Resource> resources = loaded.resources();
        Map<Key, Integer> last = new HashMap<>();
        List<Key> keys = new ArrayList<>(resources.size());
        long named = 0;
        StaticPods statics = StaticPods.of(resources);
        for (int i = 0; i < resources.size(); i++) {
            Key key = key(resources.get(i), statics);
            keys.add(key);
            if (key != null) {
                last.put(key, i);
                named++;
            }
        }
        if (last.size() == named) {
            return loaded;
        }
        List<Resource> kept = new ArrayList<>();
        List<LoadResult.Notice> notices = new ArrayList<>(loaded.notices());
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            Key key = keys.get(i);
            Integer winner = key == null ? null : last.get(key);
            if (winner == null || winner == i) {
                kept.add(r);
                continue;
            }
            Resource used = resources.get(winner);
            notices.add(new LoadResult.Notice(r.origin().file(), line(r), "duplicate-object: " + describe(r)
                    + " is also defined at " + where(used) + "; kubectl apply leaves the last one applied, so that one is"
                    + " analysed and this one is not"));
        }
        return new LoadResult(kept, loaded.skipped(), loaded.errors(), loaded.files(), loaded.excluded(), notices);
    }

    private static Key key(Resource r, StaticPods statics) {
        String name = r.name();
        if (name == null || name.isEmpty() || name.endsWith("*") || r.apiVersion().equals(Kinds.KUBEWARD_API_VERSION)) {
            return null;
        }
        return new Key(r.group(), r.kind(), r.namespace() == null ? "" : r.namespace(), name,
                statics.staticPodDirectory(r));
    }

    private static String describe(Resource r) {
        return r.kind() + " " + (r.namespace() == null || r.namespace().isEmpty() ? "" : r.namespace() + "/") + r.name();
    }

    private static int line(Resource r) {
        return r.locate(JsonPath.ROOT).line();
    }

    private static String where(Resource r) {
        return r.origin().file() + ":" + line(r);
    }
}
