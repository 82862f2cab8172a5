import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the sandbox page imports nothing of Node', () => {
  it.each(['node:fs', 'fs/promises', 'path', 'events', 'node:child_process'])('sandbox/page/ may not import %s', async (module) => {
    const messages = await restricted('sandbox/page/blocks/x.ts', `import x from '${module}';\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('sandbox/page/ runs in the browser: no Node built-in modules.');
  });

  it.each([
    "import compact from 'emojibase-data/en/compact.json';",
    "import { h } from './dom.js';",
  ])('sandbox/page/ may %s', async (code) => {
    expect(await restricted('sandbox/page/blocks/x.ts', `${code}\nexport const y = 1;\n`)).toEqual([]);
  });

  it('the sandbox server may use Node', async () => {
    expect(await restricted('sandbox/main.ts', "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n")).toEqual([]);
  });
});
