package dev.kubeward.image.version;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Maven versions, ordered as Maven's {@code ComparableVersion} orders them (the "version order
 * specification" of the POM reference; the item model of apache/maven's
 * {@code org.apache.maven.artifact.versioning.ComparableVersion}): a version is a list of numbers,
 * qualifiers and combinations (a qualifier followed by a number, {@code rc1}), with a hyphen (or a
 * transition from digits to letters) opening a sub-list; trailing nulls ({@code 0}, {@code ""},
 * {@code ga}, {@code final}, {@code release}) are dropped; known qualifiers sort
 * {@code alpha < beta < milestone < rc = cr < snapshot < (release) < sp}, unknown ones after them
 * in lexical order; {@code a1}, {@code b1}, {@code m1} mean alpha, beta and milestone 1.
 * Every string is a Maven version, so {@link #validate} accepts everything but null.
 */
public final class MavenVersion implements VersionOrdering {
    public static final MavenVersion INSTANCE = new MavenVersion();

    private MavenVersion() {}

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public void validate(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
    }

    @Override
    public int compare(String a, String b) {
        validate(a);
        validate(b);
        try {
            return CACHE.get(a).compareTo(CACHE.get(b));
        } catch (NumberFormatException e) {
            // ComparableVersion itself fails on such a string (a digit run it cannot read as a number).
            throw new InvalidVersionException(a + "' or '" + b, "not readable as a Maven version");
        }
    }

    /** The canonical form, as {@code ComparableVersion.getCanonical()} prints it. */
    public static String canonical(String version) {
        return parse(version).toString();
    }

    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int BIG = 0;
    private static final int STRING = 1;
    private static final int LIST = 2;
    private static final int COMBINATION = 5;

    private interface Item {
        int type();

        boolean isNull();

        /** Compared with another item, or with nothing (null). */
        int compareTo(Item other);
    }

    private record Num(int type, BigInteger value) implements Item {
        public boolean isNull() {
            return value.signum() == 0;
        }

        public int compareTo(Item item) {
            if (item == null) {
                return value.signum() == 0 ? 0 : 1;
            }
            return switch (item.type()) {
                case INT, LONG, BIG -> {
                    Num o = (Num) item;
                    if (o.type == type) {
                        yield Integer.signum(value.compareTo(o.value));
                    }
                    yield rank(type) < rank(o.type) ? -1 : 1;
                }
                default -> 1; // a number is newer than a qualifier, a combination or a sub-list
            };
        }

        private static int rank(int t) {
            return t == INT ? 0 : t == LONG ? 1 : 2;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final List<String> RELEASE_QUALIFIERS = List.of("ga", "final", "release");
    private static final String RELEASE_INDEX = String.valueOf(QUALIFIERS.indexOf(""));

    private record Str(String value) implements Item {
        static Str of(String value, boolean followedByDigit) {
            if (followedByDigit && value.length() == 1) {
                switch (value.charAt(0)) {
                    case 'a' -> value = "alpha";
                    case 'b' -> value = "beta";
                    case 'm' -> value = "milestone";
                    default -> { }
                }
            }
            return new Str(value.equals("cr") ? "rc" : value);
        }

        public int type() {
            return STRING;
        }

        public boolean isNull() {
            return value.isEmpty();
        }

        static String comparable(String q) {
            if (RELEASE_QUALIFIERS.contains(q)) {
                return RELEASE_INDEX;
            }
            int i = QUALIFIERS.indexOf(q);
            return i == -1 ? (QUALIFIERS.size() + "-" + q) : String.valueOf(i);
        }

        public int compareTo(Item item) {
            if (item == null) {
                return Integer.signum(comparable(value).compareTo(RELEASE_INDEX));
            }
            return switch (item.type()) {
                case INT, LONG, BIG, LIST -> -1;
                case STRING -> Integer.signum(comparable(value).compareTo(comparable(((Str) item).value)));
                case COMBINATION -> {
                    int r = compareTo(((Combination) item).string);
                    yield r == 0 ? -1 : r;
                }
                default -> 0;
            };
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private record Combination(Str string, Item digits) implements Item {
        static Combination of(String value) {
            int index = 0;
            for (int i = 0; i < value.length(); i++) {
                if (Character.isDigit(value.charAt(i))) {
                    index = i;
                    break;
                }
            }
            return new Combination(Str.of(value.substring(0, index), true), number(value.substring(index)));
        }

        public int type() {
            return COMBINATION;
        }

        public boolean isNull() {
            return false;
        }

        public int compareTo(Item item) {
            if (item == null) {
                return string.compareTo(null);
            }
            return switch (item.type()) {
                case INT, LONG, BIG, LIST -> -1;
                case STRING -> {
                    int r = string.compareTo(item);
                    yield r == 0 ? 1 : r;
                }
                case COMBINATION -> {
                    Combination o = (Combination) item;
                    int r = string.compareTo(o.string);
                    yield r == 0 ? digits.compareTo(o.digits) : r;
                }
                default -> 0;
            };
        }

        @Override
        public String toString() {
            return string.toString() + digits;
        }
    }

    private static final class ListItem extends ArrayList<Item> implements Item {
        public int type() {
            return LIST;
        }

        public boolean isNull() {
            return isEmpty();
        }

        void normalize() {
            for (int i = size() - 1; i >= 0; i--) {
                Item last = get(i);
                if (last.isNull()) {
                    if (i == size() - 1 || get(i + 1).type() == STRING) {
                        remove(i);
                    } else if (get(i + 1).type() == LIST) {
                        Item first = ((ListItem) get(i + 1)).get(0);
                        if (first.type() == COMBINATION || first.type() == STRING) {
                            remove(i);
                        }
                    }
                }
            }
        }

        public int compareTo(Item item) {
            if (item == null) {
                for (Item i : this) {
                    int r = i.compareTo(null);
                    if (r != 0) {
                        return r;
                    }
                }
                return 0;
            }
            switch (item.type()) {
                case INT, LONG, BIG:
                    return -1;
                case STRING, COMBINATION:
                    return 1;
                case LIST: {
                    ListItem other = (ListItem) item;
                    int n = Math.max(size(), other.size());
                    for (int k = 0; k < n; k++) {
                        Item l = k < size() ? get(k) : null;
                        Item r = k < other.size() ? other.get(k) : null;
                        int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                        if (result != 0) {
                            return result;
                        }
                    }
                    return 0;
                }
                default:
                    return 0;
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Item item : this) {
                if (sb.length() > 0) {
                    sb.append(item instanceof ListItem ? '-' : '.');
                }
                sb.append(item);
            }
            return sb.toString();
        }
    }

    private static Item number(String digits) {
        String buf = digits;
        int i = 0;
        while (i < buf.length() - 1 && buf.charAt(i) == '0') {
            i++;
        }
        buf = buf.isEmpty() ? "0" : buf.substring(i);
        int type = buf.length() <= 9 ? INT : buf.length() <= 18 ? LONG : BIG;
        return new Num(type, new BigInteger(buf));
    }

    private static Item item(boolean combination, boolean digit, String buf) {
        if (combination) {
            return Combination.of(buf.replace("-", ""));
        }
        if (digit) {
            return number(buf);
        }
        return Str.of(buf, false);
    }

    private static final ParseCache<ListItem> CACHE = new ParseCache<>(MavenVersion::parse);

    private static ListItem parse(String original) {
        ListItem items = new ListItem();
        String version = original.toLowerCase(Locale.ENGLISH);
        ListItem list = items;
        Deque<ListItem> stack = new ArrayDeque<>();
        stack.push(list);
        boolean isDigit = false;
        boolean isCombination = false;
        int start = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < version.length()) {
                i++;
                if (isDigit && i - 1 > start) {
                    list.add(item(isCombination, true, version.substring(start, i - 1)));
                    start = i - 1;
                    ListItem sub = new ListItem();
                    list.add(sub);
                    list = sub;
                    stack.push(list);
                    isCombination = false;
                }
                isDigit = false;
                continue;
            }
            if (c == '.') {
                if (i == start) {
                    list.add(new Num(INT, BigInteger.ZERO));
                } else {
                    list.add(item(isCombination, isDigit, version.substring(start, i)));
                }
                isCombination = false;
                start = i + 1;
            } else if (c == '-') {
                if (i == start) {
                    list.add(new Num(INT, BigInteger.ZERO));
                } else {
                    if (!isDigit && i != version.length() - 1 && Character.isDigit(version.charAt(i + 1))) {
                        isCombination = true;
                        continue;
                    }
                    list.add(item(isCombination, isDigit, version.substring(start, i)));
                }
                start = i + 1;
                if (!list.isEmpty()) {
                    ListItem sub = new ListItem();
                    list.add(sub);
                    list = sub;
                    stack.push(list);
                }
                isCombination = false;
            } else if (c >= '0' && c <= '9') {
                if (!isDigit && i > start) {
                    isCombination = true;
                    if (!list.isEmpty()) {
                        ListItem sub = new ListItem();
                        list.add(sub);
                        list = sub;
                        stack.push(list);
                    }
                }
                isDigit = true;
            } else {
                if (isDigit && i > start) {
                    list.add(item(isCombination, true, version.substring(start, i)));
                    start = i;
                    ListItem sub = new ListItem();
                    list.add(sub);
                    list = sub;
                    stack.push(list);
                    isCombination = false;
                }
                isDigit = false;
            }
        }
        if (version.length() > start) {
            if (!isDigit && !list.isEmpty()) {
                ListItem sub = new ListItem();
                list.add(sub);
                list = sub;
                stack.push(list);
            }
            list.add(item(isCombination, isDigit, version.substring(start)));
        }
        while (!stack.isEmpty()) {
            stack.pop().normalize();
        }
        return items;
    }
}
