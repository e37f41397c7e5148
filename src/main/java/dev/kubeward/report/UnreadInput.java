package dev.kubeward.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.CoverageGap;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did not read of its input, for every output to say (docs/output-formats.md, "input"):
 * documents that are not Kubernetes objects, the files and directories the directory walk left
 * out, and notices about input read differently (a Helm template). The commands build it from the
 * load; reporters print it.
 *
 * @param files how many files (or standard input) were read
 * @param objects how many objects were read from them
 * @param skipped documents that are not Kubernetes objects, each with its file and line
 * @param notRead files and directories left out, each with why
 * @param notices what a person should know about an input that is neither an error nor a finding
 * @param notChecked the kinds a read of a live cluster could not list (forbidden, not served ...)
 */
public record UnreadInput(int files, int objects, List<Skipped> skipped, List<NotRead> notRead, List<Notice> notices,
        List<CoverageGap> notChecked) {
    public static final UnreadInput NONE = new UnreadInput(0, 0, List.of(), List.of(), List.of());

    public UnreadInput {
        skipped = List.copyOf(skipped);
        notRead = List.copyOf(notRead);
        notices = List.copyOf(notices);
        notChecked = List.copyOf(notChecked);
    }

    public UnreadInput(int files, int objects, List<Skipped> skipped, List<NotRead> notRead, List<Notice> notices) {
        this(files, objects, skipped, notRead, notices, List.of());
    }

    /** What a read of a live cluster left out: the kinds it could not list. */
    public static UnreadInput ofCluster(int objects, List<CoverageGap> gaps) {
        return new UnreadInput(1, objects, List.of(), List.of(), List.of(), gaps);
    }

    /** A document that was read and is not a Kubernetes object. */
    public record Skipped(String file, int line, String reason) {}

    /** A file or directory that was not read; {@code reason} says why, {@code rule} what decided it. */
    public record NotRead(String path, boolean directory, String reason, String rule) {}

    /** A notice; line 0 when it concerns a whole file or directory. */
    public record Notice(String file, int line, String message) {}

    public int documentsSkipped() {
        return skipped.size();
    }

    public long filesNotRead() {
        return notRead.stream().filter(n -> !n.directory()).count();
    }

    public long directoriesNotRead() {
        return notRead.stream().filter(NotRead::directory).count();
    }

    public boolean isEmpty() {
        return skipped.isEmpty() && notRead.isEmpty() && notices.isEmpty() && notChecked.isEmpty();
    }

    /** Both together, this one's first (a command that loads twice, such as netpol diff). */
    public UnreadInput plus(UnreadInput other) {
        return new UnreadInput(files + other.files, objects + other.objects, concat(skipped, other.skipped),
                concat(notRead, other.notRead), concat(notices, other.notices), concat(notChecked, other.notChecked));
    }

    /**
     * The one-line summary every run prints on standard error when something was not read, e.g.
     * {@code 3 documents skipped (not Kubernetes objects), 2 files not read (ignored by git) and
     * 1 directory not entered (skipped by default)}; null when everything was read.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!skipped.isEmpty()) {
            parts.add(count(skipped.size(), "document") + " skipped (not Kubernetes objects)");
        }
        List<NotRead> files = notRead.stream().filter(n -> !n.directory()).toList();
        List<NotRead> dirs = notRead.stream().filter(NotRead::directory).toList();
        if (!files.isEmpty()) {
            parts.add(count(files.size(), "file") + " not read (" + reasons(files) + ")");
        }
        if (!dirs.isEmpty()) {
            parts.add(count(dirs.size(), "directory") + " not entered (" + reasons(dirs) + ")");
        }
        if (!notChecked.isEmpty()) {
            parts.add(count(notChecked.size(), "kind") + " not checked ("
                    + String.join(", ", notChecked.stream().map(CoverageGap::reason).distinct().sorted().toList()) + ")");
        }
        if (parts.isEmpty()) {
            return null;
        }
        String joined = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return joined + "; --verbose names them";
    }

    private static String reasons(List<NotRead> entries) {
        return String.join(", ", entries.stream().map(NotRead::reason).distinct().sorted().toList());
    }

    private static String count(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }

    /** The {@code input} member of every command's JSON that reads manifests. */
    public ObjectNode toJson() {
        ObjectNode input = JsonReporter.MAPPER.createObjectNode();
        input.put("files", files);
        input.put("objects", objects);
        input.put("documentsSkipped", documentsSkipped());
        input.put("filesNotRead", filesNotRead());
        input.put("directoriesNotRead", directoriesNotRead());
        ArrayNode s = input.putArray("skipped");
        skipped.forEach(k -> s.addObject().put("file", k.file()).put("line", k.line()).put("reason", k.reason()));
        ArrayNode n = input.putArray("notRead");
        notRead.forEach(k -> n.addObject().put("path", k.path()).put("directory", k.directory()).put("reason", k.reason())
                .put("rule", k.rule()));
        ArrayNode t = input.putArray("notices");
        notices.forEach(k -> t.addObject().put("file", k.file()).put("line", k.line()).put("message", k.message()));
        if (!notChecked.isEmpty()) {
            ArrayNode g = input.putArray("notChecked");
            notChecked.forEach(k -> g.addObject().put("resource", k.what()).put("reason", k.reason()));
        }
        return input;
    }

    /** Sets {@code input} on a command's JSON document (after its header). */
    public ObjectNode addTo(ObjectNode root) {
        root.set("input", toJson());
        return root;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
