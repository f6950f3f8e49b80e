// Where each product names its trust store (and keystore) in its own config files, read from the text:
// Tomcat's server.xml (SSLHostConfig truststoreFile, the Connector's older attributes), WebSphere
// Liberty's server.xml (<keyStore id="defaultTrustStore">, <ssl trustStoreRef>), Spring Boot's
// application.properties/.yml (server.ssl.trust-store, spring.ssl.bundle.*.*.truststore.location), Kafka and
// Confluent .properties (ssl.truststore.location), Elasticsearch/OpenSearch .yml
// (xpack.security.*.ssl.truststore.path, plugins.security.ssl.*.truststore_filepath), and
// -Djavax.net.ssl.trustStore=… in any setenv.sh, jvm.options, systemd unit, Dockerfile or compose file.
import { readProperties, readXmlElements, readYamlMappings, type KeyValue } from './config-text';

export type Product = 'tomcat' | 'liberty' | 'spring-boot' | 'kafka' | 'elasticsearch' | 'opensearch' | 'jvm-options';

/** What relative paths in this file are relative to (each product's own rule). */
export type PathBase = 'catalina-base' | 'liberty-server-dir' | 'es-config-dir' | 'working-dir';

export interface StoreSetting {
  readonly product: Product;
  readonly setting: string;
  readonly value: string;
  readonly line: number;
  readonly purpose: 'truststore' | 'keystore';
  readonly type?: string;
  readonly passwordSet?: boolean;
  readonly base: PathBase;
  /** e.g. Tomcat's certificateVerification="none": the trust store is configured but not used. */
  readonly note?: string;
}

export interface ConfigFileFacts {
  readonly settings: readonly StoreSetting[];
  /** Values the file itself defines, for its ${…} placeholders. */
  readonly variables: ReadonlyMap<string, string>;
}

function tomcat(text: string): ConfigFileFacts {
  const settings: StoreSetting[] = [];
  for (const el of readXmlElements(text)) {
    const a = el.attributes;
    const verification = a.certificateVerification ?? a.clientAuth;
    const verifyNote = verification && /^(none|false)$/i.test(verification) ? `certificateVerification="${verification}": Tomcat asks no client certificate, so this trust store is not used` : undefined;
    if ((el.name === 'SSLHostConfig' || el.name === 'Connector') && a.truststoreFile) {
      settings.push({
        product: 'tomcat',
        setting: `${el.name} truststoreFile`,
        value: a.truststoreFile,
        line: el.line,
        purpose: 'truststore',
        ...(a.truststoreType ? { type: a.truststoreType } : {}),
        passwordSet: !!a.truststorePassword,
        base: 'catalina-base',
        ...(verifyNote ? { note: verifyNote } : {}),
      });
    }
    const keystore = el.name === 'Certificate' ? a.certificateKeystoreFile : el.name === 'Connector' ? a.keystoreFile : undefined;
    if (keystore) {
      const type = a.certificateKeystoreType ?? a.keystoreType;
      settings.push({ product: 'tomcat', setting: `${el.name} ${el.name === 'Certificate' ? 'certificateKeystoreFile' : 'keystoreFile'}`, value: keystore, line: el.line, purpose: 'keystore', ...(type ? { type } : {}), passwordSet: !!(a.certificateKeystorePassword ?? a.keystorePass), base: 'catalina-base' });
    }
  }
  return { settings, variables: new Map() };
}

function liberty(text: string): ConfigFileFacts {
  const elements = readXmlElements(text);
  const variables = new Map<string, string>();
  for (const el of elements) if (el.name === 'variable' && el.attributes.name && el.attributes.value !== undefined) variables.set(el.attributes.name, el.attributes.value);
  const trustRefs = new Set(['defaultTrustStore', ...elements.filter((el) => el.name === 'ssl' && el.attributes.trustStoreRef).map((el) => el.attributes.trustStoreRef!)]);
  const settings: StoreSetting[] = [];
  for (const el of elements) {
    if (el.name !== 'keyStore' || !el.attributes.id) continue;
    const id = el.attributes.id;
    const trust = trustRefs.has(id);
    // Liberty's defaults: key.p12 in ${server.output.dir}/resources/security when no location is given.
    const value = el.attributes.location ?? '${server.output.dir}/resources/security/key.p12';
    settings.push({
      product: 'liberty',
      setting: `<keyStore id="${id}"> location`,
      value,
      line: el.line,
      purpose: trust ? 'truststore' : 'keystore',
      ...(el.attributes.type ? { type: el.attributes.type } : {}),
      passwordSet: !!el.attributes.password,
      base: 'liberty-server-dir',
    });
  }
  return { settings, variables };
}

const SPRING_KEYS: readonly { pattern: RegExp; purpose: 'truststore' | 'keystore'; type?: (key: string) => string }[] = [
  { pattern: /^server\.ssl\.trust-?store$/i, purpose: 'truststore', type: () => 'server.ssl.trust-store-type' },
  { pattern: /^server\.ssl\.key-?store$/i, purpose: 'keystore', type: () => 'server.ssl.key-store-type' },
  { pattern: /^spring\.ssl\.bundle\.(jks|pem)\.([^.]+)\.truststore\.(location|certificate)$/i, purpose: 'truststore', type: (key) => key.replace(/\.(location|certificate)$/i, '.type') },
  { pattern: /^spring\.ssl\.bundle\.(jks|pem)\.([^.]+)\.keystore\.(location|certificate)$/i, purpose: 'keystore', type: (key) => key.replace(/\.(location|certificate)$/i, '.type') },
];

const KAFKA_KEYS = /^(?:(?:listener\.name\.[^.]+\.|producer\.|consumer\.|admin\.|confluent\.[\w.-]*?\.)?ssl\.(truststore|keystore)\.location)$/i;
const ELASTIC_KEYS = /^(xpack\.security\.[\w.-]+\.ssl\.(truststore|keystore)\.path|plugins\.security\.ssl\.[\w.-]+\.(truststore|keystore)_filepath)$/i;

function keyValueSettings(entries: readonly KeyValue[], product: Product, base: PathBase): StoreSetting[] {
  const byKey = new Map(entries.map((e) => [e.key.toLowerCase(), e.value]));
  const get = (key: string) => byKey.get(key.toLowerCase());
  const settings: StoreSetting[] = [];
  for (const entry of entries) {
    let purpose: 'truststore' | 'keystore' | null = null;
    let typeKey: string | undefined;
    let passwordKey: string | undefined;
    let found: Product = product;
    const spring = SPRING_KEYS.find((k) => k.pattern.test(entry.key));
    if (spring) {
      purpose = spring.purpose;
      typeKey = spring.type?.(entry.key);
      passwordKey = typeKey?.replace(/-?type$/i, (m) => (m.startsWith('-') ? '-password' : 'password'));
      found = 'spring-boot';
    } else if (KAFKA_KEYS.test(entry.key)) {
      purpose = /truststore/i.test(entry.key) ? 'truststore' : 'keystore';
      typeKey = entry.key.replace(/location$/i, 'type');
      passwordKey = entry.key.replace(/location$/i, 'password');
      found = 'kafka';
    } else if (ELASTIC_KEYS.test(entry.key)) {
      purpose = /truststore/i.test(entry.key) ? 'truststore' : 'keystore';
      typeKey = /_filepath$/i.test(entry.key) ? entry.key.replace(/_filepath$/i, '_type') : entry.key.replace(/path$/i, 'type');
      passwordKey = entry.key.replace(/\.path$/i, '.secure_password').replace(/_filepath$/i, '_password');
      found = entry.key.startsWith('plugins.') ? 'opensearch' : product === 'opensearch' ? 'opensearch' : 'elasticsearch';
    }
    if (!purpose) continue;
    const type = typeKey ? get(typeKey) : undefined;
    settings.push({
      product: found,
      setting: entry.key,
      value: entry.value,
      line: entry.line,
      purpose,
      ...(type ? { type } : {}),
      passwordSet: passwordKey ? !!get(passwordKey) : false,
      base: found === 'elasticsearch' || found === 'opensearch' ? 'es-config-dir' : base,
    });
  }
  return settings;
}

/** -Djavax.net.ssl.trustStore=… (and keyStore) anywhere in a script, unit or Dockerfile; variables it assigns. */
function jvmFlags(text: string): ConfigFileFacts {
  const settings: StoreSetting[] = [];
  const variables = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    for (const m of line.matchAll(/(?:^|[\s"'=])(?:export\s+|ENV\s+|Environment=["']?)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"']*)/g)) {
      if (!m[1]!.startsWith('D')) variables.set(m[1]!, m[2]!.replace(/^["']|["']$/g, ''));
    }
    for (const m of line.matchAll(/-Djavax\.net\.ssl\.(trustStore|keyStore)=("[^"]*"|'[^']*'|[^\s"'\\]+)/g)) {
      const purpose = m[1] === 'trustStore' ? 'truststore' : 'keystore';
      const type = new RegExp(`-Djavax\\.net\\.ssl\\.${m[1]}Type=([^\\s"'\\\\]+)`).exec(text)?.[1];
      settings.push({
        product: 'jvm-options',
        setting: `-Djavax.net.ssl.${m[1]}`,
        value: m[2]!.replace(/^["']|["']$/g, ''),
        line: index + 1,
        purpose,
        ...(type ? { type } : {}),
        passwordSet: new RegExp(`-Djavax\\.net\\.ssl\\.${m[1]}Password=\\S`).test(text),
        base: 'working-dir',
      });
    }
  });
  return { settings, variables };
}

/** The settings of one file, by its name and what it holds; empty when it is none of these. */
export function readConfigFile(fileName: string, text: string): ConfigFileFacts {
  const name = fileName.toLowerCase();
  const generic = jvmFlags(text);
  let own: ConfigFileFacts = { settings: [], variables: new Map() };
  if (name.endsWith('.xml')) {
    if (/<Server[\s>]/.test(text)) own = tomcat(text);
    else if (/<server[\s>]/.test(text)) own = liberty(text);
  } else if (name.endsWith('.properties')) {
    const entries = readProperties(text);
    own = { settings: keyValueSettings(entries, name.startsWith('application') || name.startsWith('bootstrap') ? 'spring-boot' : 'kafka', 'working-dir'), variables: new Map(entries.map((e) => [e.key, e.value])) };
  } else if (name.endsWith('.yml') || name.endsWith('.yaml')) {
    const entries = readYamlMappings(text);
    own = { settings: keyValueSettings(entries, name.startsWith('opensearch') ? 'opensearch' : name.startsWith('elasticsearch') ? 'elasticsearch' : 'spring-boot', 'working-dir'), variables: new Map(entries.map((e) => [e.key, e.value])) };
  }
  return { settings: [...own.settings, ...generic.settings], variables: new Map([...generic.variables, ...own.variables]) };
}
