// JSSE's own hostname rules as a peer: feeds certificates to sun.security.util.HostnameChecker (TYPE_TLS,
// what HTTPS endpoint identification uses) and prints whether each host matches.
// Needs --add-exports java.base/sun.security.util=ALL-UNNAMED to compile and run.
//
//   java JavaHostnameCheck < cases     one case per line: ID <TAB> CERT.pem <TAB> HOST
//                                      prints ID <TAB> MATCH, or ID <TAB> NO <TAB> the checker's message
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import sun.security.util.HostnameChecker;

public final class JavaHostnameCheck {
    public static void main(String[] args) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        HostnameChecker checker = HostnameChecker.getInstance(HostnameChecker.TYPE_TLS);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            X509Certificate cert;
            try (InputStream file = new FileInputStream(f[1])) {
                cert = (X509Certificate) factory.generateCertificate(file);
            }
            try {
                checker.match(f[2], cert);
                System.out.println(f[0] + "\tMATCH");
            } catch (CertificateException e) {
                System.out.println(f[0] + "\tNO\t" + String.valueOf(e.getMessage()).replace('\t', ' ').replace('\n', ' '));
            }
        }
    }
}
