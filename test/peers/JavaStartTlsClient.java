// A real JSSE client for the STARTTLS tests: connects to ADDRESS:PORT, runs the protocol's own plain-text
// exchange (SMTP/IMAP/POP3 STARTTLS, FTP AUTH TLS, LDAP StartTLS, the PostgreSQL and MySQL SSLRequest, XMPP
// STARTTLS) on the plain socket, then layers TLS over it with SSLSocketFactory.createSocket(socket, HOST,
// PORT, true), as JavaMail, JNDI's StartTlsResponse, pgjdbc and Connector/J do, and verifies the server
// with a given trust store (PKIX, HTTPS endpoint identification). Prints TRUSTED or the exception.
//
//   java JavaStartTlsClient < cases
//     ID <TAB> PROTOCOL <TAB> HOST <TAB> ADDRESS <TAB> PORT <TAB> STORE <TAB> STORETYPE <TAB> STOREPASS
//     prints ID <TAB> verdict, in input order.
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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

public final class JavaStartTlsClient {
    private static final int TIMEOUT_MS = 5000;

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            String verdict = f.length == 8
                ? check(f[1], f[2], f[3], Integer.parseInt(f[4]), f[5], f[6], f[7])
                : "BadInput: expected 8 tab-separated fields";
            System.out.println(f[0] + "\t" + verdict);
        }
    }

    static String check(String protocol, String host, String address, int port, String storePath, String storeType, String storePass) {
        try {
            KeyStore trustStore = KeyStore.getInstance(storeType);
            try (InputStream file = new FileInputStream(storePath)) {
                trustStore.load(file, storePass.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
                raw.setSoTimeout(TIMEOUT_MS);
                upgrade(protocol, raw.getInputStream(), raw.getOutputStream(), host);
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
                    SSLParameters params = tls.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    if (!host.matches("[0-9.]+") && host.indexOf(':') < 0) params.setServerNames(List.of(new SNIHostName(host)));
                    tls.setSSLParameters(params);
                    tls.startHandshake();
                    return "TRUSTED";
                }
            }
        } catch (Exception e) {
            return describe(e);
        }
    }

    /** Reads one line byte by byte: nothing past it is taken from the socket the TLS layer reads next. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) throw new IOException("connection closed; got: " + line);
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A three-digit reply (SMTP, FTP), multi-line or not; returns its last line. */
    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        String code = line.substring(0, 3);
        if (line.length() > 3 && line.charAt(3) == '-') {
            while (!(line = readLine(in)).startsWith(code + " ")) { }
        }
        return line;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void expect(boolean ok, String what) throws IOException {
        if (!ok) throw new IOException(what);
    }

    private static void upgrade(String protocol, InputStream in, OutputStream out, String host) throws IOException {
        switch (protocol) {
            case "smtp": {
                expect(readReply(in).startsWith("220"), "no SMTP greeting");
                send(out, "EHLO [127.0.0.1]\r\n");
                expect(readReply(in).startsWith("250"), "EHLO refused");
                send(out, "STARTTLS\r\n");
                expect(readReply(in).startsWith("220"), "STARTTLS refused");
                break;
            }
            case "ftp": {
                expect(readReply(in).startsWith("220"), "no FTP greeting");
                send(out, "AUTH TLS\r\n");
                expect(readReply(in).startsWith("234"), "AUTH TLS refused");
                break;
            }
            case "imap": {
                expect(readLine(in).startsWith("* OK"), "no IMAP greeting");
                send(out, "a1 STARTTLS\r\n");
                String line;
                while (!(line = readLine(in)).startsWith("a1 ")) { }
                expect(line.startsWith("a1 OK"), "STARTTLS refused: " + line);
                break;
            }
            case "pop3": {
                expect(readLine(in).startsWith("+OK"), "no POP3 greeting");
                send(out, "STLS\r\n");
                expect(readLine(in).startsWith("+OK"), "STLS refused");
                break;
            }
            case "ldap": {
                // LDAPMessage { 1, ExtendedRequest { requestName 1.3.6.1.4.1.1466.20037 } }, as JNDI's StartTlsRequest.
                byte[] oid = "1.3.6.1.4.1.1466.20037".getBytes(StandardCharsets.ISO_8859_1);
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.write(new byte[] {0x30, (byte) (oid.length + 7), 0x02, 0x01, 0x01, 0x77, (byte) (oid.length + 2), (byte) 0x80, (byte) oid.length});
                request.write(oid);
                out.write(request.toByteArray());
                out.flush();
                DataInputStream data = new DataInputStream(in);
                expect(data.readUnsignedByte() == 0x30, "not an LDAP message");
                int length = data.readUnsignedByte();
                if ((length & 0x80) != 0) {
                    int count = length & 0x7f;
                    length = 0;
                    for (int i = 0; i < count; i++) length = length * 256 + data.readUnsignedByte();
                }
                byte[] body = new byte[length];
                data.readFully(body);
                // messageID (3 bytes), ExtendedResponse tag and length (2), resultCode ENUMERATED (3).
                expect(body[3] == 0x78 && body[5] == 0x0a && body[7] == 0, "StartTLS refused");
                break;
            }
            case "postgres": {
                send(out, "\0\0\0\u0008\u0004\u00d2\u0016\u002f");
                int answer = in.read();
                expect(answer == 'S', "PostgreSQL answered " + (char) answer);
                break;
            }
            case "mysql": {
                DataInputStream data = new DataInputStream(in);
                int length = data.readUnsignedByte() | data.readUnsignedByte() << 8 | data.readUnsignedByte() << 16;
                data.readUnsignedByte();
                byte[] greeting = new byte[length];
                data.readFully(greeting);
                int at = 1;
                while (greeting[at] != 0) at++;
                at += 1 + 4 + 8 + 1;
                int capabilities = (greeting[at] & 0xff) | (greeting[at + 1] & 0xff) << 8;
                expect((capabilities & 0x800) != 0, "no CLIENT_SSL");
                byte[] packet = new byte[36];
                packet[0] = 32;
                packet[3] = 1;
                int flags = 0x1 | 0x4 | 0x200 | 0x800 | 0x2000 | 0x8000 | 0x80000;
                for (int i = 0; i < 4; i++) packet[4 + i] = (byte) (flags >>> (8 * i));
                packet[10] = 0;
                packet[11] = 1; // max packet size 16 MiB, little-endian
                packet[12] = 33;
                out.write(packet);
                out.flush();
                break;
            }
            case "xmpp": {
                send(out, "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='" + host + "' version='1.0'>");
                readUntil(in, "</stream:features>");
                send(out, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
                expect(readUntil(in, "/>").contains("<proceed"), "STARTTLS refused");
                break;
            }
            case "tls":
                break; // TLS from the first byte (ldaps://, smtps://): nothing to say before the handshake
            default:
                throw new IOException("unknown protocol " + protocol);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed; got: " + text);
            text.append((char) b);
        }
        return text.toString();
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root != e) out.append(" | cause ").append(root.getClass().getName()).append(": ").append(root.getMessage());
        return out.toString().replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
