/**
 * `npm start`: compiles the TypeScript only when a source file changed since the last
 * build (a content hash, so a restart with unchanged sources skips the compiler), then
 * runs the compiled bot in this same process. The Docker image runs dist/ directly.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stampFile = join(dist, '.source-hash');
const entry = join(dist, 'src', 'main.js');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

function sourceHash() {
  const hash = createHash('sha256');
  const inputs = [...files(join(root, 'src')), ...files(join(root, 'migrations')), ...['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f))];
  for (const path of inputs.sort()) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

const hash = sourceHash();
const built = existsSync(entry) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;
if (!built) {
  process.stderr.write('anthill: compiling (sources changed since the last build)\n');
  // A clean build, so a file deleted from src/ leaves nothing behind in dist/.
  rmSync(dist, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  writeFileSync(stampFile, hash);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(entry).href);
