// Globals that exist in every runtime shared/ runs in (Node 20, Electron, browsers) but are not in the
// plain ES2022 library that keeps shared/ free of DOM and Node types.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
