import { readFileSync } from 'node:fs';
import { adapterFor } from '../src/languages/registry.js';
import { RULES } from '../src/rules/registry.js';
const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const a = await adapterFor(process.argv[3] as any);
const p = await a!.parse(text, file);
const rule = RULES.find((r) => r.id === process.argv[4])!;
for (const req of p.view.requests) {
  const fs = rule.checkRequest?.(req, {} as any, { text } as any) ?? [];
  for (const f of fs) for (const i of f.intents ?? []) console.log(i.kind, JSON.stringify(p.render(i)));
}
