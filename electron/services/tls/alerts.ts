// TLS alert descriptions by number (RFC 8446 §6, RFC 5246 §7.2, RFC 7301) and what each usually means for
// someone probing a server, so a refused handshake can be reported by name with a next step.

const ALERT_NAMES: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

const ALERT_HINTS: Readonly<Record<number, string>> = {
  40: 'the server found no cipher suite or parameters it shares with this client, or it wants a client certificate',
  70: 'the server and this client have no TLS version in common',
  71: 'the server requires stronger security than this client offered',
  112: 'the server does not serve the name sent in SNI; try another --servername',
  116: 'the server requires a client certificate (mutual TLS)',
  120: 'the server speaks none of the application protocols offered (h2, http/1.1)',
};

export function alertName(description: number): string {
  return ALERT_NAMES[description] ?? `alert ${description}`;
}

export function alertHint(description: number): string | undefined {
  return ALERT_HINTS[description];
}

export const ALERT_HANDSHAKE_FAILURE = 40;
export const ALERT_CERTIFICATE_REQUIRED = 116;
export const ALERT_CLOSE_NOTIFY = 0;
