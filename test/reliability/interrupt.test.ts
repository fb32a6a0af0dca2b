// Interrupting the real CLI mid-apply (SIGINT, SIGTERM): every file ends either byte-equal to its original or
// byte-equal to its planned output (from a dry run), never in between, and the CLI says what it wrote.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan.js';
import { buildCli, removeTree, tempDir, writeTree } from './helpers.js';

const TODAY = '2026-11-22';
const FILE_COUNT = 300;
let bin: string;
const roots: string[] = [];

/** A few hundred Python candidates in one directory (one fs.watch sees every temp file appear). */
function makeRepo(): string {
  const root = tempDir('interrupt');
  roots.push(root);
  const files: Record<string, string> = {};
  // Padding makes each write take a little longer, widening the window the signal lands in.
  const padding = `# ${'filler text '.repeat(40)}\n`.repeat(4);
  for (let i = 0; i < FILE_COUNT; i++) {
    files[`src/mod_${String(i).padStart(4, '0')}.py`] = `import anthropic\n\nclient = anthropic.Anthropic()\n${padding}\ndef ask_${i}():\n    return client.messages.create(\n        model="claude-3-opus-20240229",\n        max_tokens=1024,\n        messages=[{"role": "user", "content": "q${i}"}],\n    )\n`;
  }
  writeTree(root, files);
  return root;
}

function snapshot(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(join(root, 'src'))) out.set(`src/${name}`, readFileSync(join(root, 'src', name)));
  return out;
}

/** Spawns apply and sends `signal` as soon as the first temp file appears (that is, mid-write). */
function applyAndInterrupt(root: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; stdout: string; signalled: boolean }> {
  return new Promise((resolvePromise) => {
    const child: ChildProcess = spawn(process.execPath, [bin, 'apply', '--yes', '--allow-dirty', '--today', TODAY, '--no-color', root], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout!.on('data', (c: Buffer) => (stdout += c));
    child.stderr!.on('data', (c: Buffer) => (stderr += c));
    const watcher = watch(join(root, 'src'), (_event, name) => {
      if (!signalled && name?.toString().endsWith('.claude-migrate.tmp')) {
        signalled = true;
        child.kill(signal);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      watcher.close();
      resolvePromise({ code, stderr, stdout, signalled });
    });
  });
}

beforeAll(async () => {
  bin = await buildCli();
}, 300_000);

afterAll(() => roots.forEach(removeTree));

describe.each(['SIGINT', 'SIGTERM'] as const)('apply interrupted by %s', (signal) => {
  it('leaves every file fully old or fully new and prints what was written', async () => {
    const root = makeRepo();
    const original = snapshot(root);
    // The dry run: the exact bytes apply would write.
    const dry = await plan({ root, target: 'auto', today: TODAY });
    const planned = new Map(dry.files.filter((f) => f.planned !== undefined).map((f) => [f.path, Buffer.from((f.bom ? '\uFEFF' : '') + f.planned, 'utf8')]));
    expect(planned.size).toBe(FILE_COUNT);

    const res = await applyAndInterrupt(root, signal);
    expect(res.signalled).toBe(true);
    expect(res.stderr).not.toMatch(/TypeError|RangeError|Unhandled/);

    const after = snapshot(root);
    const nowNew: string[] = [];
    for (const [path, bytes] of after) {
      const isOld = bytes.equals(original.get(path)!);
      const isNew = bytes.equals(planned.get(path)!);
      expect(isOld || isNew, `${path} is neither the original nor the planned output`).toBe(true);
      if (isNew) nowNew.push(path);
    }
    expect([...after.keys()].sort()).toEqual([...original.keys()].sort()); // no temp file left, none lost

    // Stopped part-way, with exit 130 and the exact list of files it wrote.
    expect(res.code).toBe(130);
    expect(nowNew.length).toBeGreaterThan(0);
    expect(nowNew.length).toBeLessThan(FILE_COUNT);
    const line = /Interrupted: (\d+) file\(s\) were written completely \((.*)\); no file was left half-written\./.exec(res.stderr);
    expect(line, res.stderr.slice(-500)).not.toBeNull();
    expect(Number(line![1])).toBe(nowNew.length);
    expect(line![2].split(', ').sort()).toEqual(nowNew.sort());
    console.log(`${signal}: ${nowNew.length}/${FILE_COUNT} files written before the stop`);
  }, 180_000);
});
