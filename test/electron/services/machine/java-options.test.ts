// The JVM's order of option sources, checked against a real `java -XshowSettings:properties`: the same
// properties set in every source, and the value TrustLens computes must be the one the JVM reports.
import { describe, expect, it } from 'vitest';
import { applicationOf, launcherOptions, redactedCommand, splitOptions, systemProperties } from '../../../../electron/services/machine/java-options';
import { run } from '../../../support/peers';

describe('java options', () => {
  it('orders JAVA_TOOL_OPTIONS < JDK_JAVA_OPTIONS < command line < _JAVA_OPTIONS as the real JVM does', () => {
    const env = { JAVA_TOOL_OPTIONS: '-Da=tool -Db=tool -Dc=tool -Dd=tool', JDK_JAVA_OPTIONS: '-Db=jdk -Dc=jdk -Dd=jdk', _JAVA_OPTIONS: '-Dd=underscore' };
    const argv = ['java', '-Dc=cmd', '-XshowSettings:properties', '-version'];
    const ours = systemProperties(argv, env);
    // run() does not pass an environment: ask the JVM with one through env(1).
    const real = run('env', [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], { allowFailure: true });
    const reported = Object.fromEntries([...`${real.stdout}${real.stderr}`.matchAll(/^\s+([abcd]) = (\S+)$/gm)].map((m) => [m[1], m[2]]));
    expect(reported).toEqual({ a: 'tool', b: 'jdk', c: 'cmd', d: 'underscore' });
    for (const name of ['a', 'b', 'c', 'd']) expect(ours.get(name)?.value).toBe(reported[name]);
    expect(ours.get('d')?.source).toBe('_JAVA_OPTIONS');
  });

  it('stops at the main class and at -jar: what follows belongs to the application', () => {
    const argv = ['java', '-cp', 'a.jar', '-Dx=1', 'com.example.Main', '-Dy=2'];
    expect(launcherOptions(argv).map((o) => o.word)).toEqual(['-cp', '-Dx=1']);
    expect(systemProperties(['java', '-jar', 'app.jar', '-Djavax.net.ssl.trustStore=/x'], {}).has('javax.net.ssl.trustStore')).toBe(false);
    expect(applicationOf(argv)).toBe('com.example.Main');
    expect(applicationOf(['java', '-Xmx1g', '-jar', 'app.jar'])).toBe('-jar app.jar');
  });

  it('expands @argument files and splits quoted options', () => {
    const props = systemProperties(['java', '@opts', 'Main'], {}, (name) => (name === 'opts' ? '-Djavax.net.ssl.trustStore="/srv/my app/trust.jks"' : null));
    expect(props.get('javax.net.ssl.trustStore')).toEqual({ value: '/srv/my app/trust.jks', source: 'argument file opts' });
    expect(splitOptions(`-Da='x y' -Db=z`)).toEqual(['-Da=x y', '-Db=z']);
  });

  it('redacts passwords in a command line', () => {
    expect(redactedCommand(['java', '-Djavax.net.ssl.trustStorePassword=hunter2', '-Djavax.net.ssl.keyStorePassword=x', 'Main'])).toBe(
      'java -Djavax.net.ssl.trustStorePassword=*** -Djavax.net.ssl.keyStorePassword=*** Main',
    );
  });
});
