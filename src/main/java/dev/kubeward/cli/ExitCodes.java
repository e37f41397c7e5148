package dev.kubeward.cli;

/** The exit codes every command shares. */
final class ExitCodes {
    private ExitCodes() {}

    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
}
