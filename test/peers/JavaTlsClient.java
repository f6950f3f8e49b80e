// A real JSSE client for the verdict tests: connects to ADDRESS:PORT, sends SNI for HOST, verifies the
// server with a given trust store (PKIX trust manager, HTTPS endpoint identification) and prints one line:
// TRUSTED, or the exception class and message (with the root cause) that made the handshake fail.
//
//   java JavaTlsClient HOST ADDRESS PORT STORE STORETYPE STOREPASS    one check
//   java JavaTlsClient < cases                                         many checks, one per input line:
//     ID <TAB> HOST <TAB> ADDRESS <TAB> PORT <TAB> STORE <TAB> STORETYPE <TAB> STOREPASS [<TAB> SNI]
//     prints ID <TAB> verdict, in input order, so one JVM start serves a whole table of cases
//     (SNI: a server name to send other than HOST; HOST stays the peer host JSSE falls back to)
//     (checked a few at a time: each check has its own SSLContext, nothing is shared between them).
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

public final class JavaTlsClient {
    private static final int TIMEOUT_MS = 5000;
    private static final int PARALLEL_CHECKS = 4;
    private static final int READ_AFTER_HANDSHAKE_MS = 500;

    public static void main(String[] args) throws Exception {
        if (args.length == 6) {
            System.out.println(check(args[0], args[1], Integer.parseInt(args[2]), args[3], args[4], args[5], ""));
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String[]> cases = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) cases.add(line.split("\t", -1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CHECKS);
        List<Future<String>> verdicts = new ArrayList<>();
        for (String[] f : cases) {
            verdicts.add(pool.submit(() -> f.length == 7 || f.length == 8
                ? check(f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6], f.length == 8 ? f[7] : "")
                : "BadInput: expected 7 or 8 tab-separated fields"));
        }
        for (int i = 0; i < cases.size(); i++) {
            System.out.println(cases.get(i)[0] + "\t" + verdicts.get(i).get());
        }
        pool.shutdown();
    }

    static String check(String host, String address, int port, String storePath, String storeType, String storePass, String sni) {
        try {
            KeyStore trustStore = KeyStore.getInstance(storeType);
            try (InputStream file = new FileInputStream(storePath)) {
                trustStore.load(file, storePass.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            // A fresh context per check: no session resumption between cases.
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
                raw.setSoTimeout(TIMEOUT_MS);
                // Layered over a socket already connected to ADDRESS, so HOST is the peer host that endpoint
                // identification checks, without a DNS lookup and without falling back to the address.
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
                    SSLParameters params = tls.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    if (!sni.isEmpty()) params.setServerNames(List.of(new SNIHostName(sni)));
                    else if (!isIpLiteral(host)) params.setServerNames(List.of(new SNIHostName(host)));
                    tls.setSSLParameters(params);
                    tls.startHandshake();
                    // Under TLS 1.3 a server that requires a client certificate says so only after the client's
                    // handshake is done: with -Dtrustlens.readAfterHandshake, read once so that its alert is seen
                    // (silence for a moment, or the server closing, is a connection that works).
                    if (System.getProperty("trustlens.readAfterHandshake") != null) {
                        tls.setSoTimeout(READ_AFTER_HANDSHAKE_MS);
                        try {
                            tls.getInputStream().read();
                        } catch (java.net.SocketTimeoutException quiet) {
                            // nothing sent: the server accepted the connection
                        }
                    }
                    return "TRUSTED";
                }
            }
        } catch (Exception e) {
            return describe(e);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root != e) out.append(" | cause ").append(root.getClass().getName()).append(": ").append(root.getMessage());
        return out.toString().replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
