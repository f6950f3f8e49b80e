// Names for the object identifiers TrustLens shows. Unknown OIDs are shown as dotted numbers.

export const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GIVENNAME',
  '2.5.4.97': 'ORGANIZATIONIDENTIFIER',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'EMAILADDRESS',
};

export const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'MD5withRSA',
  '1.2.840.113549.1.1.5': 'SHA1withRSA',
  '1.2.840.113549.1.1.11': 'SHA256withRSA',
  '1.2.840.113549.1.1.12': 'SHA384withRSA',
  '1.2.840.113549.1.1.13': 'SHA512withRSA',
  '1.2.840.113549.1.1.14': 'SHA224withRSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'SHA1withECDSA',
  '1.2.840.10045.4.3.1': 'SHA224withECDSA',
  '1.2.840.10045.4.3.2': 'SHA256withECDSA',
  '1.2.840.10045.4.3.3': 'SHA384withECDSA',
  '1.2.840.10045.4.3.4': 'SHA512withECDSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.3': 'SHA1withDSA',
  '2.16.840.1.101.3.4.3.2': 'SHA256withDSA',
};

export const KEY_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.2.840.10040.4.1': 'DSA',
};

export const CURVES: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
};

export const EXTENSION_NAMES: Record<string, string> = {
  '2.5.29.14': 'Subject Key Identifier',
  '2.5.29.15': 'Key Usage',
  '2.5.29.17': 'Subject Alternative Name',
  '2.5.29.18': 'Issuer Alternative Name',
  '2.5.29.19': 'Basic Constraints',
  '2.5.29.30': 'Name Constraints',
  '2.5.29.31': 'CRL Distribution Points',
  '2.5.29.32': 'Certificate Policies',
  '2.5.29.33': 'Policy Mappings',
  '2.5.29.35': 'Authority Key Identifier',
  '2.5.29.36': 'Policy Constraints',
  '2.5.29.37': 'Extended Key Usage',
  '2.5.29.54': 'Inhibit anyPolicy',
  '1.3.6.1.5.5.7.1.1': 'Authority Information Access',
  '1.3.6.1.5.5.7.1.11': 'Subject Information Access',
  '1.3.6.1.4.1.11129.2.4.2': 'Signed Certificate Timestamps',
  '1.3.6.1.5.5.7.1.24': 'TLS Feature',
  '2.16.840.1.113730.1.1': 'Netscape Cert Type',
  '2.16.840.1.113730.1.13': 'Netscape Comment',
};

export const ACCESS_METHODS: Record<string, string> = {
  '1.3.6.1.5.5.7.48.1': 'OCSP',
  '1.3.6.1.5.5.7.48.2': 'CA Issuers',
};

/** Extended key usages with the description OpenSSL and browsers show next to the RFC name. */
export const EXTENDED_KEY_USAGE_DESCRIPTIONS: Record<string, { name: string; description: string }> = {
  '1.3.6.1.5.5.7.3.1': { name: 'serverAuth', description: 'TLS Web Server Authentication' },
  '1.3.6.1.5.5.7.3.2': { name: 'clientAuth', description: 'TLS Web Client Authentication' },
  '1.3.6.1.5.5.7.3.3': { name: 'codeSigning', description: 'Code Signing' },
  '1.3.6.1.5.5.7.3.4': { name: 'emailProtection', description: 'E-mail Protection' },
  '1.3.6.1.5.5.7.3.5': { name: 'ipsecEndSystem', description: 'IPSec End System' },
  '1.3.6.1.5.5.7.3.6': { name: 'ipsecTunnel', description: 'IPSec Tunnel' },
  '1.3.6.1.5.5.7.3.7': { name: 'ipsecUser', description: 'IPSec User' },
  '1.3.6.1.5.5.7.3.8': { name: 'timeStamping', description: 'Time Stamping' },
  '1.3.6.1.5.5.7.3.9': { name: 'OCSPSigning', description: 'OCSP Signing' },
  '1.3.6.1.5.5.7.3.17': { name: 'ipsecIKE', description: 'IPSec Internet Key Exchange' },
  '2.5.29.37.0': { name: 'anyExtendedKeyUsage', description: 'Any Extended Key Usage' },
  '1.3.6.1.4.1.311.10.3.3': { name: 'msSGC', description: 'Microsoft Server Gated Crypto' },
  '1.3.6.1.4.1.311.10.3.4': { name: 'msEFS', description: 'Microsoft Encrypted File System' },
  '1.3.6.1.4.1.311.20.2.2': { name: 'msSmartcardLogin', description: 'Microsoft Smartcard Login' },
  '2.16.840.1.113730.4.1': { name: 'nsSGC', description: 'Netscape Server Gated Crypto' },
  '1.3.6.1.4.1.11129.2.4.4': { name: 'ctPrecertSigning', description: 'CT Precertificate Signer' },
};

/** Certificate policy OIDs people meet in TLS certificates (CA/Browser Forum baseline requirements). */
export const CERTIFICATE_POLICIES: Record<string, string> = {
  '2.5.29.32.0': 'Any policy',
  '2.23.140.1.1': 'CA/B Forum Extended Validation (EV)',
  '2.23.140.1.2.1': 'CA/B Forum Domain Validated (DV)',
  '2.23.140.1.2.2': 'CA/B Forum Organization Validated (OV)',
  '2.23.140.1.2.3': 'CA/B Forum Individual Validated (IV)',
  '2.23.140.1.3': 'CA/B Forum Extended Validation Code Signing',
  '2.23.140.1.4.1': 'CA/B Forum Code Signing',
  '2.23.140.1.4.2': 'CA/B Forum Timestamping',
  '2.23.140.1.5.1.1': 'CA/B Forum S/MIME Mailbox Validated (legacy)',
  '1.3.6.1.4.1.44947.1.1.1': "ISRG Domain Validated (Let's Encrypt)",
};

/** Readable labels for name attributes in the details pane, by attribute type OID. */
export const ATTRIBUTE_LABELS: Record<string, string> = {
  '2.5.4.3': 'Common name',
  '2.5.4.4': 'Surname',
  '2.5.4.5': 'Serial number',
  '2.5.4.6': 'Country',
  '2.5.4.7': 'Locality',
  '2.5.4.8': 'State or province',
  '2.5.4.9': 'Street',
  '2.5.4.10': 'Organisation',
  '2.5.4.11': 'Organisational unit',
  '2.5.4.12': 'Title',
  '2.5.4.15': 'Business category',
  '2.5.4.17': 'Postal code',
  '2.5.4.42': 'Given name',
  '2.5.4.43': 'Initials',
  '2.5.4.46': 'DN qualifier',
  '2.5.4.65': 'Pseudonym',
  '2.5.4.97': 'Organisation identifier',
  '0.9.2342.19200300.100.1.25': 'Domain component',
  '0.9.2342.19200300.100.1.1': 'User ID',
  '1.2.840.113549.1.9.1': 'Email address',
  '1.3.6.1.4.1.311.60.2.1.1': 'Jurisdiction locality',
  '1.3.6.1.4.1.311.60.2.1.2': 'Jurisdiction state or province',
  '1.3.6.1.4.1.311.60.2.1.3': 'Jurisdiction country',
};

/** Digest algorithms, as named in signature parameters (RSASSA-PSS hash and MGF1). */
export const HASH_ALGORITHMS: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '2.16.840.1.101.3.4.2.8': 'SHA3-256',
  '2.16.840.1.101.3.4.2.9': 'SHA3-384',
  '2.16.840.1.101.3.4.2.10': 'SHA3-512',
};
