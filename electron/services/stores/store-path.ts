// The file a store's path really names. A store reached through a symbolic link (Debian's
// $JAVA_HOME/lib/security/cacerts -> /etc/ssl/certs/java/cacerts) is written where the link points, so the
// link keeps working and everything else that uses the target sees the change; replacing the link itself
// would silently detach the JDK from the system store.
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { FileError } from '../../../shared/errors';

/** As the kernel's own limit on links followed while resolving one path (Linux: 40). */
const MAX_LINKS = 40;

export interface StorePath {
  /** The path as given. */
  readonly file: string;
  /** The file at the end of the links (the path itself when it is no link). */
  readonly target: string;
  /** The links followed, in order (empty when `file` is no link). */
  readonly links: readonly string[];
  /** The target's stat, or null when it does not exist yet (a new store, or a dangling link). */
  readonly stat: Stats | null;
}

export async function resolveStorePath(file: string): Promise<StorePath> {
  const links: string[] = [];
  let current = path.resolve(file);
  for (;;) {
    let stat: Stats;
    try {
      stat = await fs.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, target: current, links, stat: null };
      throw error;
    }
    if (!stat.isSymbolicLink()) return { file, target: current, links, stat };
    if (links.length >= MAX_LINKS) throw new FileError('FILE_ERROR', `${file} is a loop of symbolic links (more than ${MAX_LINKS}); check where it points.`);
    links.push(current);
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
}

/** "X (a link to Y)" where the store is reached through links; for messages. */
export function describeStorePath(resolved: StorePath): string {
  return resolved.links.length ? `${resolved.file} (a link to ${resolved.target})` : resolved.file;
}
