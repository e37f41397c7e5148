package dev.kubeward.policy.cel;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.List;
import java.util.stream.Collectors;

/** CEL type names as cel-go prints them ({@code list(string)}, {@code map(string, dyn)}). */
final class TypeNames {
    private TypeNames() {}

    static String of(CelType t) {
        switch (t.kind()) {
            case LIST:
                return "list(" + of(t.parameters().get(0)) + ")";
            case MAP:
                return "map(" + of(t.parameters().get(0)) + ", " + of(t.parameters().get(1)) + ")";
            case NULL_TYPE:
                return "null_type";
            case OPAQUE:
                if (t.parameters().isEmpty()) {
                    return t.name();
                }
                return t.name() + "(" + t.parameters().stream().map(TypeNames::of).collect(Collectors.joining(", ")) + ")";
            case TYPE:
                return t.parameters().isEmpty() ? "type" : "type(" + of(t.parameters().get(0)) + ")";
            default:
                return t.name();
        }
    }

    static String list(List<CelType> types) {
        return "[" + types.stream().map(TypeNames::of).collect(Collectors.joining(" ")) + "]";
    }

    static boolean exact(CelType a, CelType b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        if (a.kind() == CelKind.STRUCT || a.kind() == CelKind.OPAQUE) {
            if (!a.name().equals(b.name())) {
                return false;
            }
        }
        if (a.parameters().size() != b.parameters().size()) {
            return false;
        }
        for (int i = 0; i < a.parameters().size(); i++) {
            if (!exact(a.parameters().get(i), b.parameters().get(i))) {
                return false;
            }
        }
        return true;
    }
}
