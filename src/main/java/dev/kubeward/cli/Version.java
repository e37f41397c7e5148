package dev.kubeward.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into the build. */
public final class Version {
    private Version() {}

    public static final String VERSION = read();

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/kubeward/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kubeward " + VERSION};
        }
    }
}
