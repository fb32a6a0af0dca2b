// Copies the .wasm grammars out of the official grammar packages (devDependencies, installed
// with --ignore-scripts) into grammars/, which ships in the package. Nothing is downloaded.
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const out = join(root, 'grammars');
mkdirSync(out, { recursive: true });

// [package, wasm file inside it, name we ship it under]
const grammars = [
  ['tree-sitter-python', 'tree-sitter-python.wasm', 'python'],
  ['tree-sitter-go', 'tree-sitter-go.wasm', 'go'],
  ['tree-sitter-java', 'tree-sitter-java.wasm', 'java'],
  ['tree-sitter-ruby', 'tree-sitter-ruby.wasm', 'ruby'],
  ['tree-sitter-c-sharp', 'tree-sitter-c_sharp.wasm', 'c_sharp'],
  ['tree-sitter-php', 'tree-sitter-php.wasm', 'php'],
  ['tree-sitter-bash', 'tree-sitter-bash.wasm', 'bash'],
  ['tree-sitter-json', 'tree-sitter-json.wasm', 'json'],
  ['@tree-sitter-grammars/tree-sitter-yaml', 'tree-sitter-yaml.wasm', 'yaml'],
  ['@tree-sitter-grammars/tree-sitter-toml', 'tree-sitter-toml.wasm', 'toml'],
];

let copied = 0;
for (const [pkg, file, name] of grammars) {
  const pkgDir = dirname(require.resolve(`${pkg}/package.json`));
  const src = join(pkgDir, file);
  const dest = join(out, `${name}.wasm`);
  if (!existsSync(src)) throw new Error(`grammar ${src} missing: reinstall ${pkg}`);
  copyFileSync(src, dest);
  const licence = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((l) => join(pkgDir, l)).find(existsSync);
  if (licence) copyFileSync(licence, join(out, `${name}.LICENSE`));
  copied++;
}
console.log(`copied ${copied} grammars to grammars/`);
