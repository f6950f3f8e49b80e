// The ASN.1 structure of a certificate as the details pane's ASN.1 view and `inspect --asn1` show it:
// every element with its offset, header and content lengths (as `openssl asn1parse` prints them), its
// tag, and its value decoded where it has a plain one.

export interface Asn1Element {
  /** Byte offset of the element's first (tag) byte in the certificate's DER. */
  readonly offset: number;
  /** Depth below the outermost element (0). */
  readonly depth: number;
  /** Bytes of tag and length; `length` bytes of content follow. */
  readonly headerLength: number;
  readonly length: number;
  readonly constructed: boolean;
  /** "SEQUENCE", "OBJECT IDENTIFIER", "[0]" (context-specific), "[APPLICATION 1]"… */
  readonly tag: string;
  /** The value, decoded: an OID with its name, an integer, a string, a time; long bytes as hex. */
  readonly value?: string;
  /** True for elements read out of an OCTET STRING or BIT STRING that holds DER (extension values, keys). */
  readonly encapsulated?: boolean;
  readonly children?: readonly Asn1Element[];
}

/** A certificate's ASN.1 tree with the bytes it describes (public: a certificate holds no secret). */
export interface CertificateAsn1 {
  readonly tree: Asn1Element;
  readonly der: Uint8Array;
}
