/**
 * The web app: a single-page app built into dist/web, which the api serves at /. In development
 * (`npx vite apps/web`) /api is proxied to a running api.
 */
import * as path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: path.resolve(__dirname, '../../dist/web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:3000' } },
});
