// JavaTlsClient with revocation settings an application makes itself: every -Dtrustlens.security.NAME=VALUE
// becomes Security.setProperty(NAME, VALUE) before the first handshake (ocsp.enable and
// com.sun.security.onlyCheckRevocationOfEECert are security properties, not -D system properties), then the
// same table of cases on stdin, one verdict line each. Revocation itself is turned on the way JSSE reads it,
// with -Dcom.sun.net.ssl.checkRevocation=true (and -Dcom.sun.security.enableCRLDP=true) on the command line.
import java.security.Security;

public final class JavaRevocationClient {
    private static final String PREFIX = "trustlens.security.";

    public static void main(String[] args) throws Exception {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) Security.setProperty(name.substring(PREFIX.length()), System.getProperty(name));
        }
        JavaTlsClient.main(args);
    }
}
