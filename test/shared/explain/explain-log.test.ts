// The parts of explain that read text and are not tied to one client run: names as each tool prints
// them, JSSE's dates, and the server named by application-level log lines (Spring's RestTemplate,
// Apache HttpClient), where no peer of ours writes such lines.
import { describe, expect, it } from 'vitest';
import { endpointIn } from '../../../shared/explain/endpoint';
import { explainLog } from '../../../shared/explain/explain-log';
import { jsseDate } from '../../../shared/explain/jsse-debug-log';
import { normalizeSerial, sameName } from '../../../shared/explain/names';

describe('explain: names, serials, dates', () => {
  it('matches a name as Java, OpenSSL and RFC 4514 print it', () => {
    expect(sameName('CN=TrustLens Test Root CA, O=TrustLens Test', 'O = TrustLens Test, CN = TrustLens Test Root CA')).toBe(true);
    expect(sameName('CN=TrustLens Test Root CA,O=TrustLens Test', 'CN=TrustLens Test Intermediate CA, O=TrustLens Test')).toBe(false);
  });

  it('drops the sign byte JSSE prints in a serial number', () => {
    expect(normalizeSerial('00:87:e7:03')).toBe('87e703');
    expect(normalizeSerial('7E:A7')).toBe('7ea7');
  });

  it('reads hour 24 as midnight of the same day (SimpleDateFormat "kk")', () => {
    expect(jsseDate('2021-01-01 24:00:00.000 UTC')).toBe('2021-01-01T00:00:00.000Z');
    expect(jsseDate('2026-11-27 23:27:48.000 CET')).toBeNull();
  });
});

describe('explain: the server named by application logs', () => {
  it("Spring's RestTemplate names the URL", () => {
    const log = `2026-12-01 10:00:00.123 ERROR 4242 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception
org.springframework.web.client.ResourceAccessException: I/O error on GET request for "https://billing.internal.example:8443/api/invoices": PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target`;
    const result = explainLog(log);
    expect(result).toMatchObject({ host: 'billing.internal.example', port: 8443 });
    expect(result.failure?.class).toBe('PKIX_PATH_BUILDING');
    expect(result.notShown.join(' ')).toMatch(/the chain the server sent/);
  });

  it('Apache HttpClient names host:port; a source file reference is not a server', () => {
    expect(endpointIn('at sun.security.ssl.TransportContext.fatal(TransportContext.java:375)')).toEqual({});
    expect(endpointIn('org.apache.http.conn.HttpHostConnectException: Connect to ldap.corp.example:636 [ldap.corp.example/10.0.0.5] failed')).toEqual({ host: 'ldap.corp.example', port: 636 });
  });

  it("a hex dump's ASCII column is no server (JSSE's debug=all, OpenSSL's -msg)", () => {
    // Bytes that read "8.l.G:4431" in the ASCII column: CI once took them for the server of a debug=all log.
    const jsse = 'javax.net.ssl|DEBUG|01|main|2026-12-03 10:50:41.123 UTC|SSLSocketInputRecord.java:214|Raw read (\n  0000: 16 03 03 00 7A 02 00 00   76 38 2E 6C 2E 47 3A 34  ....z...v8.l.G:4\n  0010: 34 33 31 20 AA BB CC DD   38 2E 6C 2E 47 3A 34 34  431 ....8.l.G:44\n)';
    expect(endpointIn(jsse, 'localhost')).toEqual({ host: 'localhost' });
    const openssl = '0030 - 38 2e 6c 2e 47 3a 34 34-33 31 00 00 00 00 00 00   8.l.G:4431......';
    expect(endpointIn(`${jsse}\n${openssl}`)).toEqual({});
  });

  it('says so when the text holds no TLS failure', () => {
    const result = explainLog('everything is fine\n');
    expect(result.failure).toBeNull();
    expect(result.diagnosis).toBeNull();
    expect(result.notShown[0]).toMatch(/a TLS failure TrustLens knows/);
  });
});
