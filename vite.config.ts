import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer, built once and served both by Electron (file://) and by `trustlens web`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
