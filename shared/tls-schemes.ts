// URL schemes that speak TLS from the first byte, with their default ports: what a probe target such
// as `ldaps://directory.example` connects to. The main process parses targets with it; the window names
// a target with it before the server answers.
export const TLS_SCHEME_PORTS: Readonly<Record<string, number>> = {
  https: 443,
  wss: 443,
  ldaps: 636,
  smtps: 465,
  imaps: 993,
  pop3s: 995,
  ftps: 990,
};
