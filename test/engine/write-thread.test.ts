// apply's writer thread: the same atomic writes as in-thread (every file either untouched or exactly its
// plan), changed files refused, a stop honoured between files, results in plan order.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan.js';
import { threadedWriter } from '../../src/engine/write-thread.js';
import type { RunResult } from '../../src/engine/types.js';
import { removeTree, tempDir, writeTree } from '../reliability/helpers.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) removeTree(r);
});

async function planned(count: number): Promise<{ root: string; run: RunResult; originals: Map<string, string> }> {
  const root = tempDir('write-thread');
  roots.push(root);
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`pkg/m${String(i).padStart(3, '0')}.py`] = `import anthropic\n\nclient = anthropic.Anthropic()\nr = client.messages.create(model="claude-3-opus-20240229", max_tokens=64, messages=[])\n`;
  writeTree(root, files);
  const run = await plan({ root, target: 'auto', today: '2026-12-03', workers: 0, prefilterEngine: 'js' });
  expect(run.files.filter((f) => f.planned !== undefined)).toHaveLength(count);
  return { root, run, originals: new Map(Object.entries(files)) };
}

describe('threadedWriter', () => {
  it('writes every planned file atomically and reports in plan order', async () => {
    const { root, run } = await planned(40);
    const seen: string[] = [];
    const writer = threadedWriter(root, { onWrite: (p) => seen.push(p) });
    for (const f of [...run.files].reverse()) writer.push(f);
    const result = await writer.finish(run.files);
    expect(result.interrupted).toBe(false);
    expect(result.refused).toEqual([]);
    expect(result.written).toEqual(run.files.map((f) => f.path));
    expect([...seen].sort()).toEqual([...result.written].sort());
    for (const f of run.files) expect(readFileSync(join(root, f.path), 'utf8')).toBe(f.planned);
  });

  it('refuses a file that changed on disk after it was planned and writes the others', async () => {
    const { root, run } = await planned(5);
    const changed = run.files[2].path;
    writeFileSync(join(root, changed), '# edited by someone else\n');
    const writer = threadedWriter(root);
    for (const f of run.files) writer.push(f);
    const result = await writer.finish(run.files);
    expect(result.refused).toEqual([expect.objectContaining({ path: changed, reason: 'changed-on-disk' })]);
    expect(readFileSync(join(root, changed), 'utf8')).toBe('# edited by someone else\n');
    expect(result.written).toHaveLength(4);
  });

  it('stops between files: each file is its original or its plan, and the written list says which', async () => {
    const { root, run, originals } = await planned(150);
    const writer = threadedWriter(root);
    for (const f of run.files) writer.push(f);
    writer.stop();
    const result = await writer.finish(run.files);
    expect(result.interrupted).toBe(true);
    expect(result.written.length).toBeLessThan(run.files.length);
    const written = new Set(result.written);
    for (const f of run.files) {
      const now = readFileSync(join(root, f.path), 'utf8');
      expect(now).toBe(written.has(f.path) ? f.planned : originals.get(f.path));
    }
  });

  it('takes no file after shouldStop turns true', async () => {
    const { root, run } = await planned(3);
    let stop = false;
    const writer = threadedWriter(root, { shouldStop: () => stop });
    writer.push(run.files[0]);
    stop = true;
    writer.push(run.files[1]);
    writer.push(run.files[2]);
    const result = await writer.finish(run.files);
    expect(result.interrupted).toBe(true);
    expect(result.written.length).toBeLessThanOrEqual(1);
  });
});
