import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Main (ESM) and preload (CommonJS: a sandboxed preload must be one CommonJS file) are bundled separately with
// `--mode main` or `--mode preload` (a flag, not an env var, so `npm start` works in every shell). Everything but
// electron and Node built-ins is bundled, so the packaged app ships no node_modules.
const bundles = {
  main: { input: { main: 'src/main/electron/main.ts' }, format: 'es' as const, ext: 'js', outDir: 'dist/main' },
  preload: { input: { preload: 'src/preload/index.ts' }, format: 'cjs' as const, ext: 'cjs', outDir: 'dist/preload' },
};

export default defineConfig(({ mode }) => {
  const entries = mode === 'preload' ? bundles.preload : bundles.main;
  return {
  build: {
    ssr: true,
    outDir: entries.outDir,
    emptyOutDir: true,
    target: 'node22',
    sourcemap: true,
    rollupOptions: {
      input: entries.input,
      external: ['electron', /^electron\//, ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: { format: entries.format, entryFileNames: `[name].${entries.ext}` },
    },
  },
  ssr: { noExternal: true, target: 'node' as const },
  };
});
