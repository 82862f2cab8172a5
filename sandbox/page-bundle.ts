/**
 * The page, bundled for the browser by esbuild when the sandbox starts (a second or so), so
 * there is no build step to forget and the page always matches the checkout.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface PageBundle {
  html: string;
  script: string;
  style: string;
}

const PAGE = fileURLToPath(new URL('./page/', import.meta.url));

export async function bundlePage(): Promise<PageBundle> {
  const result = await build({
    entryPoints: [`${PAGE}app.ts`],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const output = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
  return { html: await readFile(`${PAGE}index.html`, 'utf8'), script: output('.js'), style: output('.css') };
}
