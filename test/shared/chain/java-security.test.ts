// java.security as a JDK reads it: the properties format (continuations, comments, `:` and blank
// separators), overrides in the -Djava.security.properties format, disabledAlgorithms entries with their
// conditions, and JSSE's view of protocols and suites. Checked on the real java.security files of this
// machine's JDKs where they are installed, against what those JDKs enable (SSLSocket's defaults, printed
// by the JDK itself).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { javaSecurityRules, parseConstraints, parseProperties } from '../../../shared/chain/java-security';
import { enabledProtocols, enabledSuites, opensslSuiteName, suiteParts, suiteRule } from '../../../shared/chain/java-tls';
import { run } from '../../support/peers';

describe('the properties format', () => {
  it('reads continuations, comments and every separator', () => {
    const props = parseProperties('# comment\n! also\na=1\nb : two words  \nc three\nlong=x, \\\n    y, \\\n  z\n  indented=yes\nkey\\ with\\ space=v\n');
    expect([...props]).toEqual([
      ['a', '1'],
      ['b', 'two words'],
      ['c', 'three'],
      ['long', 'x, y, z'],
      ['indented', 'yes'],
      ['key with space', 'v'],
    ]);
  });
});

describe('disabledAlgorithms entries', () => {
  it('parses conditions and expands include', () => {
    const list = parseConstraints('MD5, SHA1 jdkCA & usage TLSServer, RSA keySize < 1024, SHA1 usage SignedJAR & denyAfter 2019-01-01, include jdk.disabled.namedCurves', new Map([['jdk.disabled.namedCurves', 'secp112r1, secp256k1']]));
    expect(list.map((c) => [c.algorithm, c.jdkCA, c.usage, c.keySize ?? null, c.denyAfter?.toISOString() ?? null])).toEqual([
      ['MD5', false, [], null, null],
      ['SHA1', true, ['TLSServer'], null, null],
      ['RSA', false, [], { operator: '<', bits: 1024 }, null],
      ['SHA1', false, ['SignedJAR'], null, '2019-01-01T00:00:00.000Z'],
      ['secp112r1', false, [], null, null],
      ['secp256k1', false, [], null, null],
    ]);
  });

  it('an override replaces the master file’s keys, unless the master turns overrides off', () => {
    const master = 'jdk.tls.disabledAlgorithms=TLSv1, TLSv1.1\n';
    const opts = { home: '/jdk', version: '17', files: [] };
    expect(javaSecurityRules(master, { ...opts, override: 'jdk.tls.disabledAlgorithms=SSLv3\n' }).tlsDisabled.map((c) => c.text)).toEqual(['SSLv3']);
    expect(javaSecurityRules(`${master}security.overridePropertiesFile=false\n`, { ...opts, override: 'jdk.tls.disabledAlgorithms=SSLv3\n' }).tlsDisabled.map((c) => c.text)).toEqual(['TLSv1', 'TLSv1.1']);
  });
});

describe('JSSE suites', () => {
  it('breaks a suite name into the parts disabledAlgorithms can name, and gives OpenSSL’s name', () => {
    expect(suiteParts('TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA')).toEqual(['ECDHE_RSA', 'ECDHE', 'RSA', '3DES_EDE_CBC', 'DESede', 'SHA1', 'HmacSHA1']);
    expect(suiteParts('TLS_AES_128_GCM_SHA256')).toEqual(['AES_128_GCM', 'AES', 'SHA256', 'HmacSHA256']);
    expect(['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'SSL_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_AES_256_GCM_SHA384'].map(opensslSuiteName)).toEqual([
      'AES128-SHA',
      'ECDHE-ECDSA-CHACHA20-POLY1305',
      'DHE-RSA-AES256-GCM-SHA384',
      'DES-CBC3-SHA',
      'TLS_AES_256_GCM_SHA384',
    ]);
  });

  // The JDKs of this machine: what our reading of their java.security enables is what they enable.
  const jdks = ['/usr/lib/jvm/java-17-openjdk-amd64', '/usr/lib/jvm/temurin-25-jdk-amd64'].filter((home) => existsSync(path.join(home, 'conf', 'security', 'java.security')));
  it.each(jdks)('%s: the protocols and suites enabled are the ones the JDK enables', (home) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-suites-'));
    try {
      const source = path.join(dir, 'Suites.java');
      writeFileSync(
        source,
        'import javax.net.ssl.*;\npublic class Suites { public static void main(String[] a) throws Exception {\n  SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket();\n  System.out.println(String.join(",", s.getEnabledProtocols()));\n  System.out.println(String.join(",", s.getEnabledCipherSuites()));\n}}\n',
      );
      const out = run(path.join(home, 'bin', 'java'), ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', source]).stdout.trim().split('\n');
      const rules = javaSecurityRules(readFileSync(path.join(home, 'conf', 'security', 'java.security'), 'latin1'), { home, version: '', files: [] });
      expect(enabledProtocols(rules)).toEqual(out[0]!.split(','));
      expect(enabledSuites(rules)).toEqual(out[1]!.split(',').filter((s) => s !== 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'));
      expect(suiteRule(rules, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA')?.text).toBe('3DES_EDE_CBC');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
