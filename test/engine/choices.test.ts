// A finding's alternatives: previews for each answer, and the engine carries out the one chosen.
import { describe, expect, it } from 'vitest';
import { planFile } from '../../src/engine/plan-file.js';

const REGISTRY = `MODEL_TIERS = {
    "claude-opus-4-6": {"tier": "premium"},
    "claude-sonnet-4-5": {"tier": "standard"},
}
`;

const PREFILL = `import anthropic

client = anthropic.Anthropic()
reply = client.messages.create(
    model="claude-opus-4-8",
    max_tokens=1024,
    system="You are terse.",
    messages=[
        {"role": "user", "content": "Summarise the report."},
        {"role": "assistant", "content": "Here is the summary:"},
    ],
)
`;

const base = { target: 'auto', today: '2026-11-22' };

describe('choices', () => {
  it('offers the three registry answers with previews, add alongside by default', async () => {
    const { result } = await planFile('app/tiers.py', REGISTRY, 'python', base);
    const f = result.findings.find((x) => x.rule === 'definer-entry' && x.fix === 'suggest')!;
    expect(f.choices?.map((c) => c.choice)).toEqual(['add-alongside', 'leave', 'retire-old']);
    expect(f.choices?.find((c) => c.chosen)?.choice).toBe('add-alongside');
    expect(f.choices?.find((c) => c.choice === 'retire-old')?.after).toContain('claude-opus-4-8');
    expect(result.planned).toBeUndefined(); // suggest: nothing by default
  });
  it('says a retired entry no longer serves requests instead of calling it still served', async () => {
    const registry = 'MODEL_TIERS = {\n    "claude-3-opus-20240229": {"tier": "premium"},\n    "claude-opus-4-6": {"tier": "premium"},\n}\n';
    const { result } = await planFile('app/tiers.py', registry, 'python', base);
    const byId = (id: string) => result.findings.find((x) => x.rule === 'definer-entry' && x.from === id)!.message;
    expect(byId('claude-3-opus-20240229')).toMatch(/retired model \(requests to it fail since 2026-01-05\)/);
    expect(byId('claude-3-opus-20240229')).not.toMatch(/still served/);
    expect(byId('claude-opus-4-6')).toMatch(/the old model is still served/);
  });
  it('retires the old entry when that answer is chosen, and leaves it when asked to', async () => {
    const key = (await planFile('app/tiers.py', REGISTRY, 'python', base)).result.findings.find((x) => x.rule === 'definer-entry' && x.fix === 'suggest')!.id;
    const retired = await planFile('app/tiers.py', REGISTRY, 'python', { ...base, decide: (k) => (k === key ? 'apply' : undefined), choose: (k) => (k === key ? 'retire-old' : undefined) });
    expect(retired.result.planned).toBe(REGISTRY.replace('"claude-opus-4-6"', '"claude-opus-4-8"'));
    const added = await planFile('app/tiers.py', REGISTRY, 'python', { ...base, decide: (k) => (k === key ? 'apply' : undefined) });
    expect(added.result.planned).toContain('"claude-opus-4-6": {"tier": "premium"},\n    "claude-opus-4-8": {"tier": "premium"},');
    const left = await planFile('app/tiers.py', REGISTRY, 'python', { ...base, decide: (k) => (k === key ? 'apply' : undefined), choose: () => 'leave' });
    expect(left.result.planned).toBeUndefined();
  });
  it('carries out the prefill replacement chosen', async () => {
    const first = await planFile('chat.py', PREFILL, 'python', base);
    const f = first.result.findings.find((x) => x.rule === 'prefill')!;
    expect(f.choices?.map((c) => c.choice).sort()).toEqual(['output-format', 'system-instruction', 'user-turn']);
    expect(f.choices?.find((c) => c.chosen)?.choice).toBe('system-instruction');
    const userTurn = await planFile('chat.py', PREFILL, 'python', { ...base, decide: (k) => (k === f.id ? 'apply' : undefined), choose: (k) => (k === f.id ? 'user-turn' : undefined) });
    expect(userTurn.result.planned).toContain('"role": "user", "content": "Your previous response was interrupted');
    expect(userTurn.result.planned).toContain('system="You are terse."');
    const system = await planFile('chat.py', PREFILL, 'python', { ...base, decide: (k) => (k === f.id ? 'apply' : undefined) });
    expect(system.result.planned).toContain('system="You are terse. Respond directly without preamble');
    expect(system.result.planned).not.toContain('Here is the summary:');
  });
});
