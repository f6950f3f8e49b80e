// Tab titles keep their distinguishing end when cut: a server's port, the end of a file name.
import { expect, test } from 'vitest';
import { tabTitleParts } from '../../renderer/src/app/tab-title';

test.each([
  ['localhost:8443', 'probe', ['localhost', ':8443']],
  ['[::1]:443', 'probe', ['[::1]', ':443']],
  ['ldap.example.com', 'probe', ['ldap.example.com', '']],
  ['cacerts', 'store', ['cacerts', '']],
  ['team-truststore-production.jks', 'store', ['team-truststore-pr', 'oduction.jks']],
] as const)('%s (%s)', (title, kind, parts) => {
  expect(tabTitleParts(title, kind)).toEqual(parts);
  expect(tabTitleParts(title, kind).join('')).toBe(title);
});
