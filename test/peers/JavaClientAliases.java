// A real JSSE peer for the client-certificate tests: which key entries of a keystore Java's default key
// manager (KeyManagerFactory's default algorithm) would offer to a server whose CertificateRequest names
// the given CAs, for RSA and EC keys. Reads tab-separated lines from stdin:
//   ID <TAB> STORE <TAB> STORETYPE <TAB> STOREPASS [<TAB> ISSUER DN]...
// and prints ID <TAB> the aliases, sorted and comma-separated (empty when none would be offered).
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.util.Arrays;
import java.util.TreeSet;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;

public final class JavaClientAliases {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            KeyStore store = KeyStore.getInstance(f[2]);
            try (InputStream file = new FileInputStream(f[1])) {
                store.load(file, f[3].toCharArray());
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, f[3].toCharArray());
            Principal[] issuers = Arrays.stream(f, 4, f.length).map(X500Principal::new).toArray(Principal[]::new);
            TreeSet<String> aliases = new TreeSet<>();
            for (KeyManager manager : factory.getKeyManagers()) {
                if (!(manager instanceof X509KeyManager)) continue;
                for (String keyType : new String[] {"RSA", "EC"}) {
                    String[] found = ((X509KeyManager) manager).getClientAliases(keyType, issuers.length == 0 ? null : issuers);
                    if (found != null) aliases.addAll(Arrays.asList(found));
                }
            }
            System.out.println(f[0] + "\t" + String.join(",", aliases));
        }
    }
}
