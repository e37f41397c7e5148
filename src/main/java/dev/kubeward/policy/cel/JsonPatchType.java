package dev.kubeward.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.StructProto;
import com.google.protobuf.Value;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.Map;

/**
 * The {@code JSONPatch} object type of MutatingAdmissionPolicy (op, path, from, value), declared
 * as a message so that {@code JSONPatch{op: "add", ...}} type-checks and evaluates, and
 * {@code jsonpatch.escapeKey} of library/jsonpatch.go.
 */
public final class JsonPatchType {
    private JsonPatchType() {}

    private static final Descriptors.Descriptor DESCRIPTOR = build();

    private static Descriptors.Descriptor build() {
        DescriptorProtos.DescriptorProto.Builder msg = DescriptorProtos.DescriptorProto.newBuilder().setName("JSONPatch");
        int n = 1;
        for (String f : new String[] {"op", "path", "from"}) {
            msg.addField(DescriptorProtos.FieldDescriptorProto.newBuilder().setName(f).setNumber(n++)
                    .setType(DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING));
        }
        msg.addField(DescriptorProtos.FieldDescriptorProto.newBuilder().setName("value").setNumber(n)
                .setType(DescriptorProtos.FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Value"));
        DescriptorProtos.FileDescriptorProto file = DescriptorProtos.FileDescriptorProto.newBuilder()
                .setName("kubeward/jsonpatch.proto").setSyntax("proto3")
                .addDependency("google/protobuf/struct.proto").addMessageType(msg).build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[] {StructProto.getDescriptor()})
                    .findMessageTypeByName("JSONPatch");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Descriptors.Descriptor descriptor() {
        return DESCRIPTOR;
    }

    static CelFunctionDecl escapeKeyDecl() {
        return newFunctionDeclaration("jsonpatch.escapeKey",
                newGlobalOverload("string_jsonpatch_escapeKey_string", SimpleType.STRING, SimpleType.STRING));
    }

    static CelFunctionBinding escapeKeyBinding() {
        return CelFunctionBinding.from("string_jsonpatch_escapeKey_string", String.class,
                s -> s.replace("~", "~0").replace("/", "~1"));
    }

    /** The JSON of one JSONPatch value the expression produced. */
    public static JsonNode toJson(Object patch) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (patch instanceof Message m) {
            for (Map.Entry<Descriptors.FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
                String name = e.getKey().getName();
                if (name.equals("value")) {
                    o.set("value", value((Value) e.getValue()));
                } else {
                    o.put(name, String.valueOf(e.getValue()));
                }
            }
            Descriptors.FieldDescriptor value = m.getDescriptorForType().findFieldByName("value");
            if (value != null && m.hasField(value) && !o.has("value")) {
                o.set("value", value((Value) m.getField(value)));
            }
        } else if (patch instanceof Map<?, ?> map) {
            map.forEach((k, v) -> o.set(String.valueOf(k), CelValues.toJson(v)));
        }
        return o;
    }

    private static JsonNode value(Value v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (v.getKindCase()) {
            case NULL_VALUE:
                return f.nullNode();
            case NUMBER_VALUE: {
                double d = v.getNumberValue();
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return f.numberNode((long) d);
                }
                return f.numberNode(d);
            }
            case STRING_VALUE:
                return f.textNode(v.getStringValue());
            case BOOL_VALUE:
                return f.booleanNode(v.getBoolValue());
            case STRUCT_VALUE: {
                ObjectNode o = f.objectNode();
                Struct s = v.getStructValue();
                s.getFieldsMap().forEach((k, x) -> o.set(k, value(x)));
                return o;
            }
            case LIST_VALUE: {
                com.fasterxml.jackson.databind.node.ArrayNode a = f.arrayNode();
                ListValue l = v.getListValue();
                l.getValuesList().forEach(x -> a.add(value(x)));
                return a;
            }
            default:
                return f.nullNode();
        }
    }
}
