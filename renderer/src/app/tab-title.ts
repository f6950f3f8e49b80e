// A tab's title as the part that may be cut (with an ellipsis) and the part that stays: a server's port,
// a file name's end. Ten tabs of "localhost:…" or "truststore-…" then still tell apart.
export function tabTitleParts(title: string, kind: 'store' | 'probe'): readonly [string, string] {
  if (kind === 'probe') {
    const port = /(:\d{1,5})$/.exec(title);
    return port && port.index > 0 ? [title.slice(0, port.index), port[1]!] : [title, ''];
  }
  if (title.length <= 14) return [title, ''];
  const tail = Math.min(12, Math.ceil(title.length * 0.45));
  return [title.slice(0, title.length - tail), title.slice(title.length - tail)];
}
