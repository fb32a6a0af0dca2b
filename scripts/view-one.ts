import { readFileSync } from 'node:fs';
import { adapterFor } from '../src/languages/registry.js';
import { detectLanguage } from '../src/scanner/language.js';
const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const lang = detectLanguage(file.replace(/\.(input|output|suggest)\./, '.'), '')!;
const a = await adapterFor(lang as any);
const p = await a!.parse(text, file);
for (const r of p.view.requests) {
  const m = r.params.fields?.find((f) => f.key === 'model');
  console.log(r.kind, r.platform, JSON.stringify(m?.value, (k, v) => (k === 'range' || k === 'contentRange' ? undefined : v)));
}
