// Bouncy Castle's own view of its keystores, for tests and fixture scripts: loads each store with the real
// KeyStore.getInstance(TYPE, "BC") (Debian's libbcprov-java) and prints one JSON document, per file the entries
// in alias order: entry type as keytool names it, creation time, SHA-256 of each certificate (chain leaf first),
// and what getKey with the password gives. A private key is only "usable" when it signs data that the chain's
// leaf public key verifies, which proves it decrypted to the right key.
//   java -cp /usr/share/java/bcprov.jar BcKeyStoreList.java PASSWORD TYPE FILE [TYPE FILE ...]
// A store that does not load prints {"error": "..."} for that file; the exit status is 0 either way.
import java.io.FileInputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.SecretKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public class BcKeyStoreList {
  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  static String sha256(Certificate cert) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    StringBuilder b = new StringBuilder();
    for (byte x : d) b.append(String.format("%02X", x & 0xff)).append(b.length() < 94 ? ":" : "");
    return b.toString();
  }

  static String keyCheck(KeyStore ks, String alias, char[] password) {
    try {
      Key key = ks.getKey(alias, password);
      if (key instanceof PrivateKey) {
        Certificate[] chain = ks.getCertificateChain(alias);
        String alg = key.getAlgorithm().equals("EC") || key.getAlgorithm().equals("ECDSA") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        Signature signer = Signature.getInstance(alg);
        signer.initSign((PrivateKey) key);
        byte[] data = alias.getBytes("UTF-8");
        signer.update(data);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(alg);
        verifier.initVerify(chain[0].getPublicKey());
        verifier.update(data);
        return verifier.verify(sig) ? "private " + key.getAlgorithm() + " usable" : "private " + key.getAlgorithm() + " does not match its certificate";
      }
      if (key instanceof SecretKey) return "secret " + key.getAlgorithm() + " " + key.getEncoded().length * 8;
      return key == null ? "none" : key.getClass().getName();
    } catch (Exception e) {
      return "unrecoverable: " + e.getMessage();
    }
  }

  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    char[] password = args[0].toCharArray();
    StringBuilder out = new StringBuilder("{");
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (i > 1) out.append(",");
      out.append("\n  ").append(json(args[i + 1])).append(": ");
      try {
        KeyStore ks = KeyStore.getInstance(args[i], "BC");
        try (FileInputStream in = new FileInputStream(args[i + 1])) {
          ks.load(in, password);
        }
        List<String> aliases = Collections.list(ks.aliases());
        Collections.sort(aliases);
        List<String> entries = new ArrayList<>();
        for (String alias : aliases) {
          StringBuilder e = new StringBuilder("{ \"alias\": ").append(json(alias));
          Certificate[] certs = ks.isCertificateEntry(alias) ? new Certificate[] {ks.getCertificate(alias)} : ks.getCertificateChain(alias);
          String type = ks.isCertificateEntry(alias) ? "trustedCertEntry" : certs != null ? "PrivateKeyEntry" : "SecretKeyEntry";
          e.append(", \"type\": ").append(json(type));
          e.append(", \"created\": ").append(ks.getCreationDate(alias).getTime());
          e.append(", \"sha256\": [");
          if (certs != null) for (int c = 0; c < certs.length; c++) e.append(c > 0 ? ", " : "").append(json(sha256(certs[c])));
          e.append("]");
          if (ks.isKeyEntry(alias)) e.append(", \"key\": ").append(json(keyCheck(ks, alias, password)));
          entries.add(e.append(" }").toString());
        }
        out.append("{ \"storetype\": ").append(json(args[i])).append(", \"entries\": [\n    ").append(String.join(",\n    ", entries)).append("\n  ] }");
      } catch (Exception e) {
        out.append("{ \"storetype\": ").append(json(args[i])).append(", \"error\": ").append(json(e.toString())).append(" }");
      }
    }
    System.out.println(out.append("\n}"));
  }
}
