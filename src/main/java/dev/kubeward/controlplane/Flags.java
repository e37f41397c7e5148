package dev.kubeward.controlplane;

import dev.kubeward.model.KubernetesVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags a component runs with: what its command line sets, combined as the binary combines
 * repetitions, with defaults for the rest.
 */
public final class Flags {
    private final Component component;
    private final KubernetesVersion version;
    private final Map<String, Setting> explicit;

    private Flags(Component component, KubernetesVersion version, Map<String, Setting> explicit) {
        this.component = component;
        this.version = version;
        this.explicit = explicit;
    }

    public static Flags resolve(Component component, KubernetesVersion version, List<FlagOccurrence> occurrences) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (FlagOccurrence o : occurrences) {
            FlagKind kind = component.kindOf(o.name());
            List<Setting.Element> elements = new ArrayList<>();
            Setting previous = out.get(o.name());
            if (previous != null && (kind == FlagKind.LIST || kind == FlagKind.MAP)) {
                elements.addAll(previous.elements());
            }
            for (String v : Setting.split(kind, o.value())) {
                elements.add(new Setting.Element(v, o.path()));
            }
            out.put(o.name(), new Setting(o.name(), kind, elements, o.path()));
        }
        return new Flags(component, version, out);
    }

    public Component component() {
        return component;
    }

    public KubernetesVersion version() {
        return version;
    }

    /** The flag as written on the command line, if it is. */
    public Optional<Setting> explicit(String name) {
        return Optional.ofNullable(explicit.get(name));
    }

    public boolean isSet(String name) {
        Setting s = explicit.get(name);
        return s != null && !s.value().isEmpty();
    }

    /** The flag as the binary runs with it: written, else its default; empty when it has neither. */
    public Optional<Setting> effective(String name) {
        Setting s = explicit.get(name);
        if (s != null) {
            return Optional.of(s);
        }
        String d = component.defaultOf(name, version);
        return d == null ? Optional.empty() : Optional.of(Setting.defaulted(name, component.kindOf(name), d));
    }

    /** A boolean flag's value in effect; empty when it is unset without default or unreadable. */
    public Optional<Boolean> bool(String name) {
        return effective(name).flatMap(Setting::bool);
    }

    public Map<String, Setting> all() {
        return java.util.Collections.unmodifiableMap(explicit);
    }
}
