// Plans a root and prints the run as JSON: lets a test run the engine in another process (e.g. as `nobody`).
import { plan } from '../../../src/engine/plan.js';

const run = await plan({ root: process.argv[2], target: 'auto', today: '2026-11-22' });
process.stdout.write(JSON.stringify(run));
