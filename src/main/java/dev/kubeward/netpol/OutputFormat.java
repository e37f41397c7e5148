package dev.kubeward.netpol;

import java.util.Locale;

/** Formats the connectivity list can be rendered in. */
public enum OutputFormat {
    TXT, JSON, CSV, MD, DOT;

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + text + "' (txt, json, csv, md, dot)", e);
        }
    }
}
