import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Lints `code` as if it were the file at `filePath` (nothing is written) and returns the rule ids that fired. */
async function rulesFiredFor(filePath: string, code: string): Promise<string[]> {
  // The snippet is not on disk, so type information is off; the boundary rules do not need it.
  const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal');
}

describe('runtime boundaries are enforced by lint', () => {
  it.each([
    ['src/shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/shared/domain/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['src/renderer/x.ts', "import { dispatchInvoke } from '../main/ipc/dispatch';\nexport const a = dispatchInvoke;\n"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['src/preload/x.ts', "import { dispatchInvoke } from '../main/ipc/dispatch';\nexport const a = dispatchInvoke;\n"],
    ['src/preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['src/main/discovery/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/main/electron/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"],
    ['src/simulator/x.ts', "import { AuthService } from '../main/auth/auth-service';\nexport const a = AuthService;\n"],
  ])('%s: refuses the import', async (filePath, code) => {
    expect(await rulesFiredFor(filePath, code)).toContain('no-restricted-imports');
  }, 60_000);

  it('allows raw IPC in the two wrappers only', async () => {
    expect(await rulesFiredFor('src/main/electron/ipc-main.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).not.toContain(
      'no-restricted-imports',
    );
  }, 60_000);

  it('refuses default exports', async () => {
    expect(await rulesFiredFor('src/shared/domain/x.ts', 'const a = 1;\nexport default a;\n')).toContain('no-restricted-exports');
  }, 60_000);
});

describe('boundary patterns do not catch look-alike relative paths', () => {
  it('allows ../util/* inside src/shared', async () => {
    expect(await rulesFiredFor('src/shared/readiness/x.ts', "import { assertNever } from '../util/assert-never';\nexport const a = assertNever;\n")).not.toContain(
      'no-restricted-imports',
    );
  }, 60_000);

  it('still refuses the bare built-in util in src/shared', async () => {
    expect(await rulesFiredFor('src/shared/readiness/x.ts', "import { inspect } from 'util';\nexport const a = inspect;\n")).toContain('no-restricted-imports');
  }, 60_000);
});
