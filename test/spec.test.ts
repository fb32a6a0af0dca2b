// spec/ vendors the team's shared spec (../shared/spec/) so that a clean clone tests against it; when
// the shared folder is next to the repository, the copies must not have drifted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..');
const SHARED = join(REPO, '..', 'shared', 'spec');
const FILES = ['model-migration.md', 'models.md', 'rules.md'];

describe('vendored spec', () => {
  it('is present in the repository', () => {
    for (const f of FILES) expect(existsSync(join(REPO, 'spec', f)), f).toBe(true);
  });
  it.skipIf(!existsSync(SHARED))('equals ../shared/spec', () => {
    for (const f of FILES) expect(readFileSync(join(REPO, 'spec', f), 'utf8'), f).toBe(readFileSync(join(SHARED, f), 'utf8'));
  });
});
