// The small readers config files need: .properties lines, the mapping part of YAML flattened to dotted
// keys, XML elements with their attributes, and ${…} placeholders. Each keeps line numbers, so a finding
// can say where it is. Not full parsers: enough for the settings TrustLens looks for, and a setting they
// cannot read is missed, never invented.

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** java.util.Properties' syntax: key=value, key: value or key value; # and ! comments; \ continues a line. */
export function readProperties(text: string): KeyValue[] {
  const out: KeyValue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!.replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(?<!\\)\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.replace(/^\s+/, '');
    const m = /^((?:\\.|[^=:\s])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) out.push({ key: m[1]!.replace(/\\(.)/g, '$1'), value: m[2]!.trim(), line: start + 1 });
  }
  return out;
}

/** YAML mappings (block style) flattened to dotted keys; lists and flow style are left out. */
export function readYamlMappings(text: string): KeyValue[] {
  const out: KeyValue[] = [];
  const stack: { indent: number; key: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (/^\s*(#|$|-{3}|\.{3})/.test(raw)) return;
    const m = /^(\s*)("(?:[^"]*)"|'(?:[^']*)'|[^\s:#][^:#]*?)\s*:(?:\s+(.*?))?\s*$/.exec(raw);
    if (!m) return;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const key = m[2]!.replace(/^["']|["']$/g, '');
    const full = [...stack.map((s) => s.key), key].join('.');
    const value = (m[3] ?? '').replace(/\s+#.*$/, '');
    if (value === '' || value === '|' || value === '>') stack.push({ indent, key });
    else out.push({ key: full, value: value.replace(/^"(.*)"$|^'(.*)'$/, '$1$2'), line: index + 1 });
  });
  return out;
}

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly line: number;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Start tags (comments removed) with their attributes and line numbers. */
export function readXmlElements(text: string): XmlElement[] {
  const clean = text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const out: XmlElement[] = [];
  for (const tag of clean.matchAll(/<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    const attributes: Record<string, string> = {};
    for (const attr of tag[2]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attr[1]!] = (attr[2] ?? attr[3] ?? '').replace(/&(\w+);/g, (all, name: string) => XML_ENTITIES[name] ?? all);
    }
    out.push({ name: tag[1]!, attributes, line: clean.slice(0, tag.index).split('\n').length });
  }
  return out;
}

export interface Resolved {
  readonly value: string;
  /** Placeholders that had no value. */
  readonly unresolved: readonly string[];
}

/**
 * ${name} and ${name:default} (Spring, Liberty, Tomcat), and $name / ${name:-default} (shell), replaced
 * from `lookup`; what it does not know is kept as written and reported.
 */
export function resolvePlaceholders(value: string, lookup: (name: string) => string | undefined, depth = 0): Resolved {
  const unresolved: string[] = [];
  const replaced = value.replace(/\$\{([^}:]+)(?::-?([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const found = lookup(name);
    if (found !== undefined) {
      if (depth > 5) return found;
      const inner = resolvePlaceholders(found, lookup, depth + 1);
      unresolved.push(...inner.unresolved);
      return inner.value;
    }
    if (fallback !== undefined) return fallback;
    unresolved.push(name);
    return all;
  });
  return { value: replaced, unresolved };
}
