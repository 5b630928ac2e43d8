/** The layer rules of DESIGN.md §2 are enforced by ESLint: prove each one fires. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('keep shared/ pure', async () => {
    expect(await restricted('shared/x.ts', "import '../electron/core/audit';\n")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import 'node:fs';\n")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import 'zod';\n")).toHaveLength(0);
  });
  it('keep the renderer to shared/ and window.api', async () => {
    expect(await restricted('renderer/src/x.ts', "import '../../electron/core/db/open';\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import 'electron';\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import '../../shared/contract';\n")).toHaveLength(0);
  });
  it('keep Electron out of the core', async () => {
    expect(await restricted('electron/core/x.ts', "import 'electron';\n")).toHaveLength(1);
    expect(await restricted('electron/core/x.ts', "import '../main/security';\n")).toHaveLength(1);
    expect(await restricted('electron/core/x.ts', "import '../../shared/result';\n")).toHaveLength(0);
  });
  it('keep tests out of the shells', async () => {
    expect(await restricted('electron/main/x.ts', "import '../../test/helpers';\n")).toHaveLength(1);
    expect(await restricted('electron/cli/x.ts', "import '../../renderer/src/api';\n")).toHaveLength(1);
  });
});
