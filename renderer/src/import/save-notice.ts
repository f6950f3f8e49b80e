// The notice after a save: which file, how its other names were kept (written through a symbolic link;
// in place when it has hard links), and where the previous version is.
import type { SavedLinks } from '../../../shared/ipc';
import { baseName } from '../ui/format';

export function savedNotice(lead: string, result: { readonly file: string; readonly backup: string | null; readonly links: SavedLinks }): string {
  let text = `${lead} ${baseName(result.file)}`;
  if (result.links.through) text += ` through its symbolic link: ${result.links.through} was written and the link kept`;
  if (result.links.names > 1) text += `${result.links.through ? '; it has' : ' in place: it has'} ${result.links.names} hard links, and all see the change`;
  if (result.backup) text += `; the previous version is kept as ${baseName(result.backup)}`;
  return `${text}.`;
}
