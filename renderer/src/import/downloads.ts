// Browser mode hands files back instead of writing them (exports, a saved store that has no file on
// the server): offer each as a download, the way a person saves anything from a page.

const TYPES: Readonly<Record<string, string>> = {
  pem: 'application/x-pem-file',
  crt: 'application/x-x509-ca-cert',
  der: 'application/x-x509-ca-cert',
  cer: 'application/x-x509-ca-cert',
  p7b: 'application/x-pkcs7-certificates',
  pkipath: 'application/pkix-pkipath',
  p12: 'application/x-pkcs12',
  pfx: 'application/x-pkcs12',
};

function mimeType(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** Save `bytes` as a file named `name` through the browser's download. */
export function downloadFile(name: string, bytes: Uint8Array): void {
  const copy = new Uint8Array(bytes); // a view on a shared buffer cannot back a Blob
  const url = URL.createObjectURL(new Blob([copy], { type: mimeType(name) }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by the time this runs; revoking frees it.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
