// The bench's JVM peer for `diagnose --targets`: one JVM checks every endpoint in sequence, as a small
// Java tool would, with JSSE's PKIX trust manager over the given trust store and HTTPS endpoint
// identification. Reads "HOST PORT" lines on stdin, prints "HOST:PORT TRUSTED" or the exception class.
//   java -cp DIR CheckEndpoints STORE.jks PASSWORD < endpoints
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

final class CheckEndpoints {
    public static void main(String[] args) throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        try (InputStream in = new FileInputStream(args[0])) {
            store.load(in, args[1].toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            String host = f[0];
            int port = Integer.parseInt(f[1]);
            String verdict;
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                try (Socket raw = new Socket()) {
                    raw.connect(new InetSocketAddress("127.0.0.1", port), 10000);
                    raw.setSoTimeout(10000);
                    try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
                        SSLParameters params = tls.getSSLParameters();
                        params.setEndpointIdentificationAlgorithm("HTTPS");
                        params.setServerNames(List.of(new SNIHostName(host)));
                        tls.setSSLParameters(params);
                        tls.startHandshake();
                        verdict = "TRUSTED";
                    }
                }
            } catch (Exception e) {
                verdict = e.getClass().getName();
            }
            System.out.println(host + ":" + port + " " + verdict);
        }
    }
}
