// Planning on worker threads must give exactly what planning in one thread gives.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { plan } from '../../src/engine/plan.js';
import { assignLanes, planCandidates, workerCount, WORKER_MIN_CANDIDATES } from '../../src/engine/worker.js';
import type { RunResult } from '../../src/engine/types.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'sample-repo');

function withoutDuration(run: RunResult): RunResult {
  return { ...run, stats: { ...run.stats, durationMs: 0 } };
}

describe('plan on worker threads', () => {
  it('gives the same RunResult as planning in this thread', async () => {
    const opts = { root: SAMPLE, target: 'auto', today: '2026-03-01', prefilterEngine: 'js' as const };
    const progress: number[] = [];
    const inThread = await plan({ ...opts, workers: 0 });
    const onWorkers = await plan({ ...opts, workers: 2, onProgress: (done) => progress.push(done) });
    expect(inThread.stats.candidates).toBeGreaterThan(4);
    expect(inThread.files.some((f) => f.planned !== undefined)).toBe(true);
    expect(withoutDuration(onWorkers)).toEqual(withoutDuration(inThread));
    // Progress reached the end through the workers' replies.
    expect(Math.max(...progress)).toBe(inThread.stats.candidates);
  });

  it('gives the same RunResult with suggestions applied and a fixed target', async () => {
    const opts = { root: SAMPLE, target: 'claude-opus-4-7', today: '2026-03-01', prefilterEngine: 'js' as const, applySuggestions: true };
    const inThread = await plan({ ...opts, workers: 0 });
    const onWorkers = await plan({ ...opts, workers: 3 });
    expect(withoutDuration(onWorkers)).toEqual(withoutDuration(inThread));
  });

  it('hands over each planned file once, as soon as it is planned, in this thread and on workers', async () => {
    for (const workers of [0, 2]) {
      const handed: string[] = [];
      const run = await plan({ root: SAMPLE, target: 'auto', today: '2026-03-01', prefilterEngine: 'js', workers, onFilePlanned: (f) => handed.push(f.path) });
      const planned = run.files.filter((f) => f.planned !== undefined);
      expect(planned.length).toBeGreaterThan(2);
      expect([...handed].sort()).toEqual(planned.map((f) => f.path).sort());
      // The very objects of the result: a streaming writer reports them in plan order by identity.
      const objects: unknown[] = [];
      const again = await plan({ root: SAMPLE, target: 'auto', today: '2026-03-01', prefilterEngine: 'js', workers, onFilePlanned: (f) => objects.push(f) });
      for (const o of objects) expect(again.files).toContain(o);
    }
  });

  it('stops planning when asked: no further file is planned or handed over', async () => {
    for (const workers of [0, 2]) {
      let handed = 0;
      const run = await plan({ root: SAMPLE, target: 'auto', today: '2026-03-01', prefilterEngine: 'js', workers, onFilePlanned: () => { handed++; }, shouldStop: () => handed >= 1 });
      const full = await plan({ root: SAMPLE, target: 'auto', today: '2026-03-01', prefilterEngine: 'js', workers });
      // Files in flight on a worker when the stop came may still land; nothing is scheduled after it.
      expect(handed).toBeGreaterThanOrEqual(1);
      expect(handed).toBeLessThanOrEqual(1 + 2 * workers);
      expect(run.files.length).toBeLessThan(full.files.length);
    }
  });

  it('really plans on the workers, and each outcome matches the in-thread one', async () => {
    const candidates = ['web/src/chat.ts', 'services/extractor/extract.py', 'missing-file.py', 'routing/models.yaml', 'go/summarizer/summarize.go'];
    const opts = { target: 'auto', today: '2026-03-01' };
    let stats: { workers: number; plannedOnWorkers: number } | undefined;
    const onWorkers = await planCandidates(SAMPLE, candidates, opts, { workers: 2, onPoolDone: (s) => { stats = s; } });
    const inThread = await planCandidates(SAMPLE, candidates, opts, { workers: 0 });
    // Two threads: this one and one worker, each planning its own languages.
    expect(stats?.workers).toBe(1);
    expect(stats!.plannedOnWorkers).toBeGreaterThan(0);
    expect(stats!.plannedOnWorkers).toBeLessThan(candidates.length);
    expect(onWorkers).toEqual(inThread);
    expect(inThread[2].skipped[0]?.reason).toBe('unreadable');
  });

  it('plans each language on exactly one thread, the TypeScript compiler off the main thread', () => {
    const files = ['a.ts', 'b.js', 'c.py', 'd.py', 'e.py', 'f.py', 'g.py', 'h.go', 'i.go', 'j.go', 'k.rb', 'l.rb', 'm.yaml'];
    const lanes = assignLanes(files, 2);
    const byLanguage = new Map<string, Set<number>>();
    files.forEach((f, i) => {
      const ext = f.split('.').pop()!.replace(/^js$/, 'ts');
      byLanguage.set(ext, (byLanguage.get(ext) ?? new Set()).add(lanes[i]));
    });
    for (const set of byLanguage.values()) expect(set.size).toBe(1);
    expect(lanes[0]).toBe(1);
    expect(lanes[1]).toBe(lanes[0]); // JavaScript shares the TypeScript compiler's lane
    expect(new Set(lanes).size).toBe(2);
  });

  it('spreads a language heavier than one thread\'s share over every thread', () => {
    const files = [...Array.from({ length: 400 }, (_, i) => `src/f${i}.ts`), 'a.py', 'b.go'];
    const lanes = assignLanes(files, 2);
    const tsLanes = lanes.slice(0, 400);
    expect(tsLanes.filter((l) => l === 0).length).toBeGreaterThan(100);
    expect(tsLanes.filter((l) => l === 1).length).toBeGreaterThan(100);
  });

  it('keeps a language on one thread when loading its parser again would cost more than splitting saves', () => {
    // 70 TypeScript files are most of the work, but a second TypeScript compiler load costs about as much.
    const files = [...Array.from({ length: 70 }, (_, i) => `src/f${i}.ts`), ...Array.from({ length: 60 }, (_, i) => `py/m${i}.py`), 'a.go', 'b.rb', 'c.java', 'd.yaml'];
    const lanes = assignLanes(files, 2);
    expect(new Set(lanes.slice(0, 70)).size).toBe(1);
    expect(new Set(lanes).size).toBe(2);
  });

  it('uses workers only when there are enough candidates and cores', () => {
    const saved = process.env.CLAUDE_MIGRATE_WORKERS;
    delete process.env.CLAUDE_MIGRATE_WORKERS;
    try {
      expect(workerCount(WORKER_MIN_CANDIDATES - 1)).toBe(0);
      expect(workerCount(10, 4)).toBe(4);
      expect(workerCount(2, 4)).toBe(2);
      expect(workerCount(1000, 0)).toBe(0);
      process.env.CLAUDE_MIGRATE_WORKERS = '0';
      expect(workerCount(1000)).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.CLAUDE_MIGRATE_WORKERS;
      else process.env.CLAUDE_MIGRATE_WORKERS = saved;
    }
  });
});
