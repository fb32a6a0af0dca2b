// Project configuration: claude-migrate.config.json, or a "claude-migrate" key in package.json.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Severity } from '../rules/types.js';
import { getRule } from '../rules/registry.js';
import { UserError } from './errors.js';

export interface ProjectConfig {
  target?: string;
  include?: string[];
  exclude?: string[];
  /** rule id -> 'off' or a severity override. */
  rules?: Record<string, 'off' | Severity>;
  failOn?: Severity;
  keepBudgetTokens?: boolean;
}

export function loadConfig(root: string, explicit?: string): ProjectConfig {
  let cfg: ProjectConfig = {};
  let from = '';
  if (explicit) {
    const p = resolve(explicit);
    if (!existsSync(p)) throw new UserError(`config file not found: ${explicit}`, 'Pass an existing JSON file to --config, or drop the flag to use claude-migrate.config.json.');
    cfg = parseJson(p);
    from = p;
  } else if (existsSync(join(root, 'claude-migrate.config.json'))) {
    from = join(root, 'claude-migrate.config.json');
    cfg = parseJson(from);
  } else if (existsSync(join(root, 'package.json'))) {
    const pkg = parseJson(join(root, 'package.json')) as Record<string, unknown>;
    if (pkg['claude-migrate'] && typeof pkg['claude-migrate'] === 'object') {
      cfg = pkg['claude-migrate'] as ProjectConfig;
      from = `${join(root, 'package.json')} ("claude-migrate")`;
    }
  }
  validate(cfg, from);
  return cfg;
}

function parseJson(path: string): ProjectConfig {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read config ${path}: ${(err as Error).message}`, 'Fix the JSON syntax (comments are not allowed in claude-migrate.config.json).');
  }
}

function validate(cfg: ProjectConfig, from: string): void {
  const where = from ? ` in ${from}` : '';
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) throw new UserError(`config${where} must be a JSON object`, 'Example: {"target": "claude-opus-4-8", "rules": {"prompt-aggressive-language": "off"}}');
  for (const k of ['include', 'exclude'] as const) {
    if (cfg[k] !== undefined && (!Array.isArray(cfg[k]) || cfg[k]!.some((x) => typeof x !== 'string'))) throw new UserError(`"${k}"${where} must be an array of glob strings`, `Example: "${k}": ["src/**"]`);
  }
  for (const [id, v] of Object.entries(cfg.rules ?? {})) {
    if (!getRule(id)) throw new UserError(`unknown rule "${id}"${where}`, 'Run `claude-migrate rules` for the list of rule ids.');
    if (!['off', 'blocks', 'tune', 'info'].includes(v)) throw new UserError(`rule "${id}"${where}: "${v}" is not off, blocks, tune or info`, 'Use "off" to disable a rule or a severity to override it.');
  }
}
