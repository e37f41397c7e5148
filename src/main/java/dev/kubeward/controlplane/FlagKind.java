package dev.kubeward.controlplane;

/** How a binary reads a flag, which decides how repetitions and separate values combine. */
public enum FlagKind {
    /** A string or number; a repeated flag keeps its last value. */
    SCALAR,
    /** A boolean: bare means true, and a value must be attached with '=' (pflag and Go's flag agree). */
    BOOLEAN,
    /** A comma-separated list whose repetitions append (pflag's StringSlice and StringArray). */
    LIST,
    /** A comma-separated list read as one string: a repetition replaces it (etcd's --cipher-suites). */
    REPLACING_LIST,
    /** key=value pairs separated by commas whose repetitions merge, later keys winning (--feature-gates). */
    MAP
}
