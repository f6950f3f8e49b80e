// The renderer's Content Security Policy, the same in Electron and in browser mode: our own scripts and
// styles only, no remote content, no eval; connections only back to the serving origin (browser mode).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
