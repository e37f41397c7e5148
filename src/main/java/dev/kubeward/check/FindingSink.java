package dev.kubeward.check;

import dev.kubeward.model.JsonPath;

/** Where a check reports what it found about the object it was given. */
public interface FindingSink {
    /** Reports at the check's own severity. */
    void report(JsonPath path, String message);

    /** Reports at another severity than the check's default, for graded findings. */
    void report(JsonPath path, Severity severity, String message);

    /** Reports at the check's own severity a finding that is also about other places (SARIF relatedLocations). */
    void report(JsonPath path, String message, java.util.List<RelatedLocation> related);

    /** Reports a finding that is also about other places (SARIF relatedLocations). */
    void report(JsonPath path, Severity severity, String message, java.util.List<RelatedLocation> related);
}
