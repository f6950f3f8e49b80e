// The version baked in at build time (esbuild `define`); "dev" when run from source (tests).
declare const __TRUSTLENS_VERSION__: string | undefined;

export const VERSION: string = typeof __TRUSTLENS_VERSION__ === 'string' ? __TRUSTLENS_VERSION__ : 'dev';
