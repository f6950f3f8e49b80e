// A real JSSE client that trusts what the JVM's own settings say: the default SSLContext, so
// javax.net.ssl.trustStore (from the command line, JAVA_TOOL_OPTIONS, …), jssecacerts and cacerts are
// chosen by the JDK exactly as an application's would be. Connects to ADDRESS:PORT with SNI and endpoint
// identification for HOST, prints TRUSTED or FAILED with the exception (its stack trace on stderr, as an
// application's log would have it), then sleeps SLEEP seconds so tests can look at the running process.
//
//   java [-Djavax.net.debug=…] [-Djavax.net.ssl.trustStore=…] JavaDefaultTrustClient HOST ADDRESS PORT [SLEEP]
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

public final class JavaDefaultTrustClient {
    private static final int TIMEOUT_MS = 5000;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        String address = args[1];
        int port = Integer.parseInt(args[2]);
        long sleepSeconds = args.length > 3 ? Long.parseLong(args[3]) : 0;
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            try (SSLSocket tls = (SSLSocket) factory.createSocket(raw, host, port, true)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.matches("[0-9.]+") && host.indexOf(':') < 0) params.setServerNames(List.of(new SNIHostName(host)));
                tls.setSSLParameters(params);
                tls.startHandshake();
                System.out.println("TRUSTED");
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println("FAILED " + e);
        }
        System.out.flush();
        if (sleepSeconds > 0) Thread.sleep(sleepSeconds * 1000);
    }
}
