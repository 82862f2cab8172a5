import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering is a lint rule', () => {
  it.each([
    ['src/domain/x.ts', "import { sql } from '../db/tables.js';"],
    ['src/domain/x.ts', "import { now } from '../context.js';"],
    ['src/cases/x.ts', "import { x } from '../slack/reply.js';"],
    ['src/cases/x.ts', "import { x } from '../jobs/worker.js';"],
    ['src/cases/x.ts', "import { x } from '../outbound/case-channel.js';"],
    ['src/db/x.ts', "import { x } from '../cases/open-case.js';"],
    ['src/db/x.ts', "import { x } from '../jobs/worker.js';"],
    ['src/db/x.ts', "import { x } from '../slack/reply.js';"],
    ['src/jobs/x.ts', "import { x } from '../slack/reply.js';"],
    ['src/outbound/x.ts', "import { x } from '../slack/reply.js';"],
    ['src/outbound/x.ts', "import { x } from '../jobs/worker.js';"],
    ['src/blocks/x.ts', "import { x } from '../outbound/slack-errors.js';"],
    ['src/slack/actions/x.ts', "import { x } from '../views/resolve-submission.js';"],
    ['src/slack/actions/x.ts', "import { x } from './take-button.js';"],
    ['src/slack/views/x.ts', "import { x } from '../commands/complaint-command.js';"],
    ['src/slack/commands/x.ts', "import { x } from '../../jobs/worker.js';"],
  ])('%s may not %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport const y = x;\n`)).toHaveLength(1);
  });

  it.each([
    ['src/domain/x.ts', "import { x } from './duration.js';"],
    ['src/cases/x.ts', "import { x } from '../db/tables.js';"],
    ['src/jobs/x.ts', "import { x } from '../outbound/case-channel.js';"],
    ['src/slack/actions/x.ts', "import { x } from './apply-click.js';"],
    ['src/slack/actions/x.ts', "import { x } from '../finish-change.js';"],
    ['src/slack/actions/index.ts', "import { x } from './take-button.js';"],
  ])('%s may %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport const y = x;\n`)).toEqual([]);
  });
});
