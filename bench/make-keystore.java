// Writes a JKS keystore holding every certificate of a PEM bundle as a trusted-certificate entry,
// with the JDK's own KeyStore implementation (so the bench store is exactly what Java writes).
// Run as a single-file program: java bench/make-keystore.java BUNDLE.pem OUT.jks PASSWORD
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

public class MakeKeystore {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java make-keystore.java BUNDLE.pem OUT.jks PASSWORD");
            System.exit(2);
        }
        Collection<? extends Certificate> certificates;
        try (InputStream in = new FileInputStream(args[0])) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        int n = 0;
        for (Certificate certificate : certificates) {
            n++;
            store.setCertificateEntry(String.format("bench-%05d", n), certificate);
        }
        char[] password = args[2].toCharArray();
        try (FileOutputStream out = new FileOutputStream(args[1])) {
            store.store(out, password);
        }
        System.out.println(n);
    }
}
