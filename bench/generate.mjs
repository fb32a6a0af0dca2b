// Seeded synthetic repositories for the benchmark. Same seed → byte-identical tree.
//   mixed:  N files across 12 languages, ~1% calling Claude with realistic request shapes (old model IDs,
//           thinking budgets, sampling params, betas, prefills, output_format), the rest ordinary code of
//           realistic sizes; plus ignored and default-excluded directories a scanner must not enter.
//   ts-all: N TypeScript files, each with a Claude call using budget_tokens thinking and temperature.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GENERATOR_VERSION = 1;

/** mulberry32: tiny, fast, good enough for synthetic data, and stable across Node versions. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /** Log-normal sizes: most files small, a long tail of big ones (median ≈ e^mu bytes). */
    logNormal: (mu, sigma) => {
      const u = 1 - next();
      const v = next();
      return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    },
  };
}

const OLD_MODELS = [
  'claude-3-5-sonnet-20241022',
  'claude-3-5-sonnet-20240620',
  'claude-3-7-sonnet-20250219',
  'claude-3-5-haiku-20241022',
  'claude-3-opus-20240229',
  'claude-3-haiku-20240307',
  'claude-sonnet-4-20250514',
  'claude-opus-4-20250514',
  'claude-opus-4-1-20250805',
  'claude-sonnet-4-5',
  'claude-3-5-sonnet-latest',
];
const BETAS = ['output-128k-2025-02-19', 'token-efficient-tools-2025-02-19', 'interleaved-thinking-2025-05-14', 'context-1m-2025-08-07'];
const WORDS = ['user', 'order', 'invoice', 'payment', 'session', 'report', 'cache', 'queue', 'metric', 'account', 'item', 'event', 'config', 'token', 'stream', 'record', 'batch', 'index', 'shard', 'tenant'];

export const LANGUAGES = ['py', 'ts', 'js', 'go', 'java', 'rb', 'cs', 'php', 'sh', 'yaml', 'json', 'md'];
/** Rough share of each language in a polyglot monorepo. */
const LANGUAGE_WEIGHTS = { py: 18, ts: 20, js: 12, go: 10, java: 8, rb: 5, cs: 5, php: 4, sh: 3, yaml: 6, json: 5, md: 4 };

function ident(rng, style = 'camel') {
  const a = rng.pick(WORDS);
  const b = rng.pick(WORDS);
  const n = rng.int(0, 99);
  if (style === 'snake') return `${a}_${b}_${n}`;
  if (style === 'pascal') return `${cap(a)}${cap(b)}${n}`;
  return `${a}${cap(b)}${n}`;
}
function cap(s) {
  return s[0].toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------- ordinary code, one unit at a time

const ORDINARY = {
  py: (r) => `\ndef ${ident(r, 'snake')}(${ident(r, 'snake')}, limit=${r.int(1, 500)}):\n    """Return the ${r.pick(WORDS)}s matching the filter."""\n    result = []\n    for item in ${ident(r, 'snake')}:\n        if item.get("${r.pick(WORDS)}") and len(result) < limit:\n            result.append(item)\n    return sorted(result, key=lambda x: x["${r.pick(WORDS)}"])\n`,
  ts: (r) => `\nexport function ${ident(r)}(input: ${ident(r, 'pascal')}[], limit = ${r.int(1, 500)}): string[] {\n  const out: string[] = [];\n  for (const item of input) {\n    if (item.${r.pick(WORDS)} && out.length < limit) out.push(String(item.${r.pick(WORDS)}));\n  }\n  return out.sort();\n}\n\nexport interface ${ident(r, 'pascal')} {\n  ${r.pick(WORDS)}: string;\n  ${r.pick(WORDS)}Count: number;\n}\n`,
  js: (r) => `\nfunction ${ident(r)}(items, options = {}) {\n  const limit = options.limit ?? ${r.int(1, 500)};\n  return items\n    .filter((x) => x.${r.pick(WORDS)} !== undefined)\n    .slice(0, limit)\n    .map((x) => ({ id: x.id, ${r.pick(WORDS)}: x.${r.pick(WORDS)} }));\n}\nmodule.exports.${ident(r)} = ${ident(r)};\n`,
  go: (r) => `\nfunc ${cap(ident(r))}(items []${ident(r, 'pascal')}, limit int) ([]string, error) {\n\tout := make([]string, 0, limit)\n\tfor _, it := range items {\n\t\tif len(out) >= limit {\n\t\t\treturn out, nil\n\t\t}\n\t\tout = append(out, it.${cap(r.pick(WORDS))})\n\t}\n\treturn out, nil\n}\n`,
  java: (r) => `\n    public List<String> ${ident(r)}(List<${ident(r, 'pascal')}> items, int limit) {\n        List<String> out = new ArrayList<>();\n        for (var item : items) {\n            if (out.size() >= limit) break;\n            out.add(item.get${cap(r.pick(WORDS))}());\n        }\n        return out;\n    }\n`,
  rb: (r) => `\n  def ${ident(r, 'snake')}(items, limit: ${r.int(1, 500)})\n    items.select { |i| i[:${r.pick(WORDS)}] }.first(limit).map { |i| i[:${r.pick(WORDS)}].to_s }\n  end\n`,
  cs: (r) => `\n    public IReadOnlyList<string> ${ident(r, 'pascal')}(IEnumerable<${ident(r, 'pascal')}> items, int limit = ${r.int(1, 500)})\n    {\n        return items.Where(i => i.${cap(r.pick(WORDS))} != null).Take(limit).Select(i => i.${cap(r.pick(WORDS))}.ToString()).ToList();\n    }\n`,
  php: (r) => `\n    public function ${ident(r)}(array $items, int $limit = ${r.int(1, 500)}): array\n    {\n        return array_slice(array_filter($items, fn($i) => isset($i['${r.pick(WORDS)}'])), 0, $limit);\n    }\n`,
  sh: (r) => `\n${ident(r, 'snake')}() {\n  local target="$1"\n  if [ -z "$target" ]; then\n    echo "usage: ${r.pick(WORDS)} <target>" >&2\n    return 1\n  fi\n  find "$target" -name '*.${r.pick(['log', 'tmp', 'bak'])}' -mtime +${r.int(1, 30)} -print\n}\n`,
  yaml: (r) => `${ident(r, 'snake')}:\n  enabled: ${r.chance(0.5)}\n  replicas: ${r.int(1, 9)}\n  image: registry.example.com/${r.pick(WORDS)}:${r.int(1, 9)}.${r.int(0, 20)}\n  env:\n    - name: ${r.pick(WORDS).toUpperCase()}_URL\n      value: "https://${r.pick(WORDS)}.internal"\n`,
  json: (r) => `  "${ident(r)}": { "enabled": ${r.chance(0.5)}, "limit": ${r.int(1, 500)}, "name": "${r.pick(WORDS)}-${r.int(1, 99)}" },\n`,
  md: (r) => `\n## ${cap(r.pick(WORDS))} ${r.pick(WORDS)}s\n\nThe ${r.pick(WORDS)} service batches ${r.pick(WORDS)}s every ${r.int(1, 60)} seconds. Configure it with \`${ident(r, 'snake')}\`.\n\n- Retries: ${r.int(1, 5)}\n- Timeout: ${r.int(1, 30)}s\n`,
};

const HEADERS = {
  py: () => 'import json\nimport logging\nfrom typing import Any\n\nlog = logging.getLogger(__name__)\n',
  ts: () => "import { readFile } from 'node:fs/promises';\n",
  js: () => "'use strict';\nconst path = require('path');\n",
  go: (r) => `package ${r.pick(WORDS)}\n\nimport (\n\t"errors"\n\t"fmt"\n)\n\nvar _ = errors.New\nvar _ = fmt.Sprintf\n`,
  java: (r) => `package com.example.${r.pick(WORDS)};\n\nimport java.util.ArrayList;\nimport java.util.List;\n\npublic class ${ident(r, 'pascal')} {\n`,
  rb: (r) => `# frozen_string_literal: true\n\nclass ${ident(r, 'pascal')}\n`,
  cs: (r) => `using System;\nusing System.Linq;\nusing System.Collections.Generic;\n\nnamespace Example.${cap(r.pick(WORDS))};\n\npublic class ${ident(r, 'pascal')}\n{\n`,
  php: (r) => `<?php\n\nnamespace App\\${cap(r.pick(WORDS))};\n\nclass ${ident(r, 'pascal')}\n{\n`,
  sh: () => '#!/usr/bin/env bash\nset -euo pipefail\n',
  yaml: () => '# generated service config\n',
  json: () => '{\n',
  md: (r) => `# ${cap(r.pick(WORDS))} service\n`,
};
const FOOTERS = { java: '}\n', rb: 'end\n', cs: '}\n', php: '}\n', json: '  "_end": true\n}\n' };

function ordinaryFile(rng, lang, targetBytes) {
  let text = HEADERS[lang](rng);
  while (text.length < targetBytes) text += ORDINARY[lang](rng);
  return text + (FOOTERS[lang] ?? '');
}

// ---------------------------------------------------------------- Claude calls

function requestParts(rng) {
  return {
    model: rng.pick(OLD_MODELS),
    maxTokens: rng.pick([1024, 2048, 4096, 8192, 16000]),
    thinking: rng.chance(0.35) ? rng.pick([1024, 2048, 4000, 8000, 16000]) : 0,
    temperature: rng.chance(0.5) ? rng.pick([0, 0.2, 0.5, 0.7, 1]) : undefined,
    topP: rng.chance(0.15) ? rng.pick([0.9, 0.95]) : undefined,
    beta: rng.chance(0.2) ? rng.pick(BETAS) : undefined,
    prefill: rng.chance(0.2),
    outputFormat: rng.chance(0.1),
  };
}

const CLAUDE = {
  py: (p) => `import anthropic

client = anthropic.Anthropic()


def ask(prompt: str) -> str:
    response = client.${p.beta ? 'beta.' : ''}messages.create(
        model="${p.model}",
        max_tokens=${p.maxTokens},${p.thinking ? `\n        thinking={"type": "enabled", "budget_tokens": ${p.thinking}},` : ''}${p.temperature !== undefined ? `\n        temperature=${p.temperature},` : ''}${p.topP !== undefined ? `\n        top_p=${p.topP},` : ''}${p.beta ? `\n        betas=["${p.beta}"],` : ''}${p.outputFormat ? `\n        output_format={"type": "json_schema", "schema": {"type": "object", "properties": {"answer": {"type": "string"}}}},` : ''}
        messages=[
            {"role": "user", "content": prompt},${p.prefill ? '\n            {"role": "assistant", "content": "{"},' : ''}
        ],
    )
    return response.content[0].text
`,
  ts: (p) => `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

export async function ask(prompt: string): Promise<string> {
  const message = await client.${p.beta ? 'beta.' : ''}messages.create({
    model: '${p.model}',
    max_tokens: ${p.maxTokens},${p.thinking ? `\n    thinking: { type: 'enabled', budget_tokens: ${p.thinking} },` : ''}${p.temperature !== undefined ? `\n    temperature: ${p.temperature},` : ''}${p.topP !== undefined ? `\n    top_p: ${p.topP},` : ''}${p.beta ? `\n    betas: ['${p.beta}'],` : ''}
    messages: [
      { role: 'user', content: prompt },${p.prefill ? "\n      { role: 'assistant', content: '{' }," : ''}
    ],
  });
  const block = message.content[0];
  return block.type === 'text' ? block.text : '';
}
`,
  js: (p) => `const Anthropic = require('@anthropic-ai/sdk');

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function ask(prompt) {
  const msg = await anthropic.messages.create({
    model: "${p.model}",
    max_tokens: ${p.maxTokens},${p.thinking ? `\n    thinking: { type: "enabled", budget_tokens: ${p.thinking} },` : ''}${p.temperature !== undefined ? `\n    temperature: ${p.temperature},` : ''}
    messages: [{ role: "user", content: prompt }],
  });
  return msg.content;
}

module.exports = { ask };
`,
  go: (p) => `package assistant

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
)

func Ask(ctx context.Context, client anthropic.Client, prompt string) (*anthropic.Message, error) {
	return client.Messages.New(ctx, anthropic.MessageNewParams{
		Model:     anthropic.Model("${p.model}"),
		MaxTokens: ${p.maxTokens},${p.thinking ? `\n\t\tThinking:  anthropic.ThinkingConfigParamOfEnabled(${p.thinking}),` : ''}${p.temperature !== undefined ? `\n\t\tTemperature: anthropic.Float(${p.temperature}),` : ''}
		Messages: []anthropic.MessageParam{
			anthropic.NewUserMessage(anthropic.NewTextBlock(prompt)),
		},
	})
}
`,
  java: (p) => `package com.example.assistant;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;

public class Assistant {
    private final AnthropicClient client = AnthropicOkHttpClient.fromEnv();

    public Message ask(String prompt) {
        MessageCreateParams params = MessageCreateParams.builder()
            .model("${p.model}")
            .maxTokens(${p.maxTokens}L)${p.thinking ? `\n            .enabledThinking(${p.thinking}L)` : ''}${p.temperature !== undefined ? `\n            .temperature(${p.temperature})` : ''}
            .addUserMessage(prompt)
            .build();
        return client.messages().create(params);
    }
}
`,
  rb: (p) => `require "anthropic"

class Assistant
  def initialize
    @client = Anthropic::Client.new
  end

  def ask(prompt)
    @client.messages.create(
      model: "${p.model}",
      max_tokens: ${p.maxTokens},${p.thinking ? `\n      thinking: { type: "enabled", budget_tokens: ${p.thinking} },` : ''}${p.temperature !== undefined ? `\n      temperature: ${p.temperature},` : ''}
      messages: [{ role: "user", content: prompt }]
    )
  end
end
`,
  cs: (p) => `using Anthropic;
using Anthropic.Models.Messages;

public class Assistant
{
    private readonly AnthropicClient client = new();

    public async Task<Message> Ask(string prompt)
    {
        var parameters = new MessageCreateParams
        {
            Model = "${p.model}",
            MaxTokens = ${p.maxTokens},${p.temperature !== undefined ? `\n            Temperature = ${p.temperature},` : ''}
            Messages = [new() { Role = Role.User, Content = prompt }]
        };
        return await client.Messages.Create(parameters);
    }
}
`,
  php: (p) => `<?php

use Anthropic\\Client;

$client = new Client(apiKey: getenv("ANTHROPIC_API_KEY"));

$message = $client->messages->create(
    model: '${p.model}',
    maxTokens: ${p.maxTokens},${p.temperature !== undefined ? `\n    temperature: ${p.temperature},` : ''}
    messages: [['role' => 'user', 'content' => 'Hello']],
);
`,
  sh: (p) => `#!/usr/bin/env bash
set -euo pipefail

curl https://api.anthropic.com/v1/messages \\
  -H "x-api-key: $ANTHROPIC_API_KEY" \\
  -H "anthropic-version: 2023-06-01" \\${p.beta ? `\n  -H "anthropic-beta: ${p.beta}" \\` : ''}
  -H "content-type: application/json" \\
  -d '{
    "model": "${p.model}",
    "max_tokens": ${p.maxTokens},${p.thinking ? `\n    "thinking": {"type": "enabled", "budget_tokens": ${p.thinking}},` : ''}${p.temperature !== undefined ? `\n    "temperature": ${p.temperature},` : ''}
    "messages": [{"role": "user", "content": "Hello"}]
  }'
`,
  yaml: (p) => `llm:
  provider: anthropic
  model: ${p.model}
  max_tokens: ${p.maxTokens}${p.temperature !== undefined ? `\n  temperature: ${p.temperature}` : ''}${p.thinking ? `\n  thinking:\n    type: enabled\n    budget_tokens: ${p.thinking}` : ''}
`,
  json: (p) => `{
  "model": "${p.model}",
  "max_tokens": ${p.maxTokens},${p.thinking ? `\n  "thinking": { "type": "enabled", "budget_tokens": ${p.thinking} },` : ''}${p.temperature !== undefined ? `\n  "temperature": ${p.temperature},` : ''}
  "messages": [{ "role": "user", "content": "Summarise the attached report." }]
}
`,
  md: (p) => `# Using Claude

We call \`${p.model}\` through the Anthropic SDK:

\`\`\`python
client.messages.create(model="${p.model}", max_tokens=${p.maxTokens}, messages=[...])
\`\`\`
`,
};

const CLAUDE_EXT = { py: 'py', ts: 'ts', js: 'js', go: 'go', java: 'java', rb: 'rb', cs: 'cs', php: 'php', sh: 'sh', yaml: 'yaml', json: 'json', md: 'md' };

function weightedLanguage(rng) {
  const total = Object.values(LANGUAGE_WEIGHTS).reduce((a, b) => a + b, 0);
  let x = rng.next() * total;
  for (const [lang, w] of Object.entries(LANGUAGE_WEIGHTS)) {
    if ((x -= w) < 0) return lang;
  }
  return 'py';
}

function dirFor(rng, index) {
  // ~40 files per directory, 2–4 levels: packages/<pkg>/src/<area>/
  const pkg = `pkg${Math.floor(index / 400)}`;
  const area = `${rng.pick(WORDS)}${Math.floor(index / 40) % 10}`;
  return rng.chance(0.5) ? `packages/${pkg}/src/${area}` : `services/${pkg}/${area}`;
}

/**
 * Writes a repository. Returns { files, claudeFiles, bytes }. Skips the work when the same
 * (kind, count, seed, version) tree already exists.
 */
export function generateRepo(dir, { kind, files: count, seed }) {
  const stamp = JSON.stringify({ kind, count, seed, version: GENERATOR_VERSION });
  const stampFile = join(dir, '.bench-stamp.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').startsWith(stamp.slice(0, -1))) {
    return { ...JSON.parse(readFileSync(stampFile, 'utf8')), reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rng = createRng(seed);
  const made = new Set();
  let bytes = 0;
  let claudeFiles = 0;
  const write = (rel, text) => {
    const abs = join(dir, rel);
    const parent = abs.slice(0, abs.lastIndexOf('/'));
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
  };
  for (let i = 0; i < count; i++) {
    if (kind === 'ts-all') {
      const p = requestParts(rng);
      p.thinking ||= rng.pick([1024, 2048, 4000]);
      p.temperature ??= rng.pick([0, 0.5, 1]);
      const body = CLAUDE.ts(p) + ordinaryFile(rng, 'ts', Math.round(rng.logNormal(7.3, 0.6))).replace(HEADERS.ts(), '');
      write(`src/${rng.pick(WORDS)}${Math.floor(i / 50)}/${ident(rng)}-${i}.ts`, body);
      claudeFiles++;
      continue;
    }
    const lang = weightedLanguage(rng);
    const dirRel = dirFor(rng, i);
    const name = `${ident(rng, lang === 'py' || lang === 'rb' ? 'snake' : 'camel')}_${i}.${CLAUDE_EXT[lang]}`;
    if (rng.chance(0.01)) {
      write(`${dirRel}/${name}`, CLAUDE[lang](requestParts(rng)));
      claudeFiles++;
    } else {
      // Median ~2.5 KB, long tail to ~60 KB: typical source files.
      const size = Math.min(60_000, Math.round(rng.logNormal(7.8, 0.9)));
      write(`${dirRel}/${name}`, ordinaryFile(rng, lang, size));
    }
  }
  if (kind === 'mixed') {
    // Noise a scanner must skip: ignored output, dependencies, minified bundles, a binary.
    write('.gitignore', 'coverage/\n*.log\n');
    for (let i = 0; i < 50; i++) write(`coverage/lcov-report/file${i}.js`, `// anthropic ${i}\n`);
    for (let i = 0; i < 200; i++) write(`node_modules/@anthropic-ai/sdk/file${i}.js`, `exports.model = "claude-3-5-sonnet-20241022"; // ${i}\n`);
    write('web/dist/app.min.js', 'var a="claude-3-opus-20240229";'.repeat(100));
    write('assets/logo.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).toString('latin1') + 'anthropic');
    write('debug.log', 'anthropic\n');
  }
  const summary = { kind, count, seed, version: GENERATOR_VERSION, files: count, claudeFiles, bytes };
  writeFileSync(stampFile, JSON.stringify(summary));
  return summary;
}
