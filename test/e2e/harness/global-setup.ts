/** Once per e2e run (vitest.config.ts): the directory in which the files take their turns (turns.ts). */
import type { TestProject } from 'vitest/node';
import { makeTempDir, removeDir } from './util.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTurnsDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await makeTempDir('turns');
  project.provide('e2eTurnsDir', dir);
  return () => removeDir(dir);
}
