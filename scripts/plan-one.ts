// Dev aid: plan one file and print findings and the planned text. Usage: npx tsx scripts/plan-one.ts FILE [target] [--suggest]
import { readFileSync } from 'node:fs';
import { planFile } from '../src/engine/plan-file.js';
import { detectLanguage } from '../src/scanner/language.js';

const [file, target = 'auto', ...rest] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const lang = detectLanguage(file.replace(/\.(input|output|suggest)\./, '.'), text.split('\n')[0]) ?? 'text';
const r = await planFile(file, text, lang, { target, today: '2026-11-22', applySuggestions: rest.includes('--suggest') });
for (const f of r.result.findings) console.log(`${f.line}:${f.column} ${f.rule} ${f.severity}/${f.fix} applied=${f.applied} ${f.message.slice(0, 140)}${f.notes ? ' notes=' + JSON.stringify(f.notes) : ''}`);
if (r.problem) console.log('PROBLEM', r.problem);
console.log('---- planned ----');
console.log(r.result.planned ?? '(unchanged)');
