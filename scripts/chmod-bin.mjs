// tsc drops the executable bit; the bins must be runnable after `npm run build`.
import { chmodSync, existsSync } from 'node:fs';
const bin = new URL('../dist/src/cli/bin.js', import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
