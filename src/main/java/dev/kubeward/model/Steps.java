package dev.kubeward.model;

/**
 * How far a long piece of work is, told by the work itself (the files of a load, the identities of
 * an escalation search, the sources of a reachability listing) to whoever shows it: the command
 * line's progress bar. Engines take one and call it from any of their threads; {@link #NONE} when
 * nobody watches.
 */
public interface Steps {
    Steps NONE = new Steps() {
        @Override
        public void total(int n) {}

        @Override
        public void step() {}
    };

    /** How many steps the work has; told once they are known, before or while they are done. */
    void total(int n);

    /** One step done. */
    void step();
}
