import { describe, expect, it } from 'vitest';
import { detectLanguage, languageFromShebang } from '../../src/scanner/language.js';

describe('detectLanguage by name', () => {
  const cases: Array<[string, string | undefined]> = [
    ['app/main.py', 'python'],
    ['stubs/x.pyi', 'python'],
    ['src/index.ts', 'typescript'],
    ['src/App.tsx', 'typescript'],
    ['lib/a.mts', 'typescript'],
    ['lib/a.cts', 'typescript'],
    ['types/x.d.ts', 'typescript'],
    ['web/a.js', 'javascript'],
    ['web/A.jsx', 'javascript'],
    ['a.mjs', 'javascript'],
    ['a.cjs', 'javascript'],
    ['cmd/main.go', 'go'],
    ['src/Main.java', 'java'],
    ['src/Main.kt', 'kotlin'],
    ['build.gradle.kts', 'kotlin'],
    ['lib/x.rb', 'ruby'],
    ['tasks/db.rake', 'ruby'],
    ['Gemfile', 'ruby'],
    ['sub/Rakefile', 'ruby'],
    ['x.gemspec', 'ruby'],
    ['Program.cs', 'csharp'],
    ['index.php', 'php'],
    ['run.sh', 'shell'],
    ['x.bash', 'shell'],
    ['x.zsh', 'shell'],
    ['.envrc', 'shell'],
    ['ci.yaml', 'yaml'],
    ['.github/workflows/ci.yml', 'yaml'],
    ['package.json', 'json'],
    ['tsconfig.jsonc', 'json'],
    ['renovate.json5', 'text'],
    ['pyproject.toml', 'toml'],
    ['.env', 'env'],
    ['app/.env.local', 'env'],
    ['.env.example', 'env'],
    ['.env.production.local', 'env'],
    ['config/prod.env', 'env'],
    ['.env.ts', 'typescript'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.dev', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['README.md', 'markdown'],
    ['docs/page.mdx', 'markdown'],
    ['notes.txt', 'text'],
    ['setup.cfg', 'text'],
    ['tox.ini', 'text'],
    ['app.properties', 'text'],
    ['MAIN.PY', 'python'],
    ['image.png', undefined],
    ['Makefile', undefined],
    ['.gitignore', undefined],
    ['noext', undefined],
  ];
  for (const [path, expected] of cases) {
    it(`${path} → ${expected}`, () => expect(detectLanguage(path)).toBe(expected));
  }

  it('prefers the extension over the shebang', () => {
    expect(detectLanguage('tool.py', '#!/bin/bash')).toBe('python');
  });
});

describe('detectLanguage by shebang (no known extension)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['#!/usr/bin/env python3', 'python'],
    ['#!/usr/bin/python3.12 -u', 'python'],
    ['#!/usr/bin/env node', 'javascript'],
    ['#!/usr/bin/env -S node --experimental-vm-modules', 'javascript'],
    ['#!/usr/bin/env -S npx tsx', 'typescript'],
    ['#!/usr/bin/env deno run', 'typescript'],
    ['#!/bin/bash', 'shell'],
    ['#!/bin/sh -e', 'shell'],
    ['#! /usr/bin/env zsh', 'shell'],
    ['#!/usr/bin/env ruby', 'ruby'],
    ['#!/usr/bin/php', 'php'],
    ['#!/usr/bin/env VAR=1 python', 'python'],
    ['\uFEFF#!/usr/bin/env python', 'python'],
    ['#!/usr/bin/env perl', undefined],
    ['import os', undefined],
    ['', undefined],
  ];
  for (const [line, expected] of cases) {
    it(`${JSON.stringify(line)} → ${expected}`, () => {
      expect(detectLanguage('bin/tool', line)).toBe(expected);
      expect(languageFromShebang(line)).toBe(expected);
    });
  }
});
