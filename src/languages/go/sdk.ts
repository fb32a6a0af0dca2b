// Facts about anthropic-sdk-go (github.com/anthropics/anthropic-sdk-go) that the Go adapter reads
// and writes. Every name here was checked against the SDK source (snapshot of 2026-07-23, commit
// b43f0d7a): message.go (`Model` constants, `ThinkingConfigParamUnion`, `ThinkingConfigAdaptiveParam`,
// `ThinkingConfigAdaptiveDisplaySummarized`, `OutputConfigParam`, `OutputConfigEffort*`,
// `JSONOutputFormatParam`, `StopReason*`, `MessageParamRole*`, `NewUserMessage`, `NewTextBlock`),
// betamessage.go (the `Beta*` twins, `AnthropicBeta*`), option/requestoption.go (`WithHeader`),
// bedrock/ (`NewMantleClient`, `WithLoadDefaultConfig`, `WithConfig`), vertex/ (`WithGoogleAuth`,
// `WithCredentials`), aws/ (`NewClient`, package `aws`, usually imported as `anthropicaws`).
import { identifierWords } from '../tree-sitter/common.js';

export const SDK_MODULE = 'github.com/anthropics/anthropic-sdk-go';

/**
 * Model constants ever published by the SDK (git history of message.go), name → ID. The rule in
 * `modelIdFromConstant` reproduces all of them except the three pre-Claude-3 names listed in
 * MODEL_CONSTANT_EXCEPTIONS; the table is kept so an SDK-published value always wins over the rule.
 */
export const MODEL_CONSTANTS: Record<string, string> = {
  ModelClaudeSonnet5: 'claude-sonnet-5',
  ModelClaudeFable5: 'claude-fable-5',
  ModelClaudeMythos5: 'claude-mythos-5',
  ModelClaudeOpus4_8: 'claude-opus-4-8',
  ModelClaudeOpus4_7: 'claude-opus-4-7',
  ModelClaudeMythosPreview: 'claude-mythos-preview',
  ModelClaudeOpus4_6: 'claude-opus-4-6',
  ModelClaudeSonnet4_6: 'claude-sonnet-4-6',
  ModelClaudeHaiku4_5: 'claude-haiku-4-5',
  ModelClaudeHaiku4_5_20251001: 'claude-haiku-4-5-20251001',
  ModelClaudeOpus4_5: 'claude-opus-4-5',
  ModelClaudeOpus4_5_20251101: 'claude-opus-4-5-20251101',
  ModelClaudeSonnet4_5: 'claude-sonnet-4-5',
  ModelClaudeSonnet4_5_20250929: 'claude-sonnet-4-5-20250929',
  ModelClaudeOpus4_1: 'claude-opus-4-1',
  ModelClaudeOpus4_1_20250805: 'claude-opus-4-1-20250805',
  ModelClaudeOpus4_0: 'claude-opus-4-0',
  ModelClaudeOpus4_20250514: 'claude-opus-4-20250514',
  ModelClaudeSonnet4_0: 'claude-sonnet-4-0',
  ModelClaudeSonnet4_20250514: 'claude-sonnet-4-20250514',
  ModelClaude4Opus20250514: 'claude-4-opus-20250514',
  ModelClaude4Sonnet20250514: 'claude-4-sonnet-20250514',
  ModelClaude3_7Sonnet20250219: 'claude-3-7-sonnet-20250219',
  ModelClaude3_7SonnetLatest: 'claude-3-7-sonnet-latest',
  ModelClaude3_5Sonnet20241022: 'claude-3-5-sonnet-20241022',
  ModelClaude3_5SonnetLatest: 'claude-3-5-sonnet-latest',
  ModelClaude3_5Haiku20241022: 'claude-3-5-haiku-20241022',
  ModelClaude3_5HaikuLatest: 'claude-3-5-haiku-latest',
  ModelClaude3OpusLatest: 'claude-3-opus-latest',
  ModelClaude_3_5_Sonnet_20240620: 'claude-3-5-sonnet-20240620',
  ModelClaude_3_Haiku_20240307: 'claude-3-haiku-20240307',
  ModelClaude_3_Opus_20240229: 'claude-3-opus-20240229',
  ModelClaude_3_Sonnet_20240229: 'claude-3-sonnet-20240229',
  ModelClaude_2_0: 'claude-2.0',
  ModelClaude_2_1: 'claude-2.1',
  ModelClaude_Instant_1_2: 'claude-instant-1.2',
};

/** Names whose ID uses a dot, which no naming rule can recover. */
export const MODEL_CONSTANT_EXCEPTIONS = ['ModelClaude_2_0', 'ModelClaude_2_1', 'ModelClaude_Instant_1_2'];

/** Constants present in the current SDK: the only ones the adapter writes. */
export const CURRENT_MODEL_CONSTANTS = [
  'ModelClaudeSonnet5', 'ModelClaudeFable5', 'ModelClaudeMythos5', 'ModelClaudeOpus4_8', 'ModelClaudeOpus4_7',
  'ModelClaudeMythosPreview', 'ModelClaudeOpus4_6', 'ModelClaudeSonnet4_6', 'ModelClaudeHaiku4_5',
  'ModelClaudeHaiku4_5_20251001', 'ModelClaudeOpus4_5', 'ModelClaudeOpus4_5_20251101', 'ModelClaudeSonnet4_5',
  'ModelClaudeSonnet4_5_20250929', 'ModelClaudeOpus4_1', 'ModelClaudeOpus4_1_20250805',
];

/** Words of an SDK constant name joined by `-`: `ModelClaude3_5Sonnet20241022` → `claude-3-5-sonnet-20241022`. */
function dashedWords(rest: string): string {
  return identifierWords(rest).map((w) => w.toLowerCase()).join('-');
}

/** The model ID a `Model*` constant stands for (table first, then the SDK's naming rule). */
export function modelIdFromConstant(name: string): string | undefined {
  if (MODEL_CONSTANTS[name]) return MODEL_CONSTANTS[name];
  if (!/^ModelClaude[A-Z0-9_]/.test(name)) return undefined;
  return dashedWords(name.slice('Model'.length));
}

/** The current SDK constant for a model ID, if the SDK publishes one. */
export function constantForModelId(id: string): string | undefined {
  return CURRENT_MODEL_CONSTANTS.find((c) => MODEL_CONSTANTS[c] === id);
}

/**
 * String-enum constants of the SDK: type-name prefix → how the rest of the name maps to the wire
 * value. `StopReasonEndTurn` → `end_turn`, `OutputConfigEffortXhigh` → `xhigh`,
 * `AnthropicBetaInterleavedThinking2025_05_14` → `interleaved-thinking-2025-05-14`.
 */
const ENUM_PREFIXES: { prefix: string; style: 'snake' | 'dash' }[] = [
  { prefix: 'BetaStopReason', style: 'snake' },
  { prefix: 'StopReason', style: 'snake' },
  { prefix: 'BetaOutputConfigEffort', style: 'snake' },
  { prefix: 'OutputConfigEffort', style: 'snake' },
  { prefix: 'BetaThinkingConfigAdaptiveDisplay', style: 'snake' },
  { prefix: 'ThinkingConfigAdaptiveDisplay', style: 'snake' },
  { prefix: 'BetaThinkingConfigEnabledDisplay', style: 'snake' },
  { prefix: 'ThinkingConfigEnabledDisplay', style: 'snake' },
  { prefix: 'BetaMessageParamRole', style: 'snake' },
  { prefix: 'MessageParamRole', style: 'snake' },
  { prefix: 'AnthropicBeta', style: 'dash' },
];

/** Irregular AnthropicBeta names (acronym followed by a plural `s`). */
const BETA_EXCEPTIONS: Record<string, string> = { AnthropicBetaPDFs2024_09_25: 'pdfs-2024-09-25' };

/** The wire value of an SDK enum constant (`StopReasonEndTurn` → `end_turn`), or undefined. */
export function enumValueFromConstant(name: string): string | undefined {
  const model = modelIdFromConstant(name);
  if (model) return model;
  if (BETA_EXCEPTIONS[name]) return BETA_EXCEPTIONS[name];
  for (const { prefix, style } of ENUM_PREFIXES) {
    if (!name.startsWith(prefix) || name.length === prefix.length || !/[A-Z0-9]/.test(name[prefix.length])) continue;
    const words = identifierWords(name.slice(prefix.length)).map((w) => w.toLowerCase());
    return words.join(style === 'snake' ? '_' : '-');
  }
  return undefined;
}

/** Go field name for a JSON key, where the SDK's spelling is not plain PascalCase. */
export const FIELD_NAMES: Record<string, string> = {
  mcp_servers: 'MCPServers',
  output_config: 'OutputConfig',
  inference_geo: 'InferenceGeo',
  user_profile_id: 'UserProfileID',
  custom_id: 'CustomID',
  input_schema: 'InputSchema',
  url: 'URL',
};

/** Rendering tables for the values rules write (`set-value` / `add-field`), by canonical key path. */
export const EFFORT_CONSTANTS: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', xhigh: 'Xhigh', max: 'Max' };
export const DISPLAY_CONSTANTS: Record<string, string> = { summarized: 'Summarized', omitted: 'Omitted' };

/** Request-option helpers that set a header (option/requestoption.go). */
export const HEADER_OPTIONS = ['WithHeader', 'WithHeaderAdd'];

/**
 * Server-tool param structs the adapter may write when a tool version changes (tool-version rule),
 * with the `ToolUnionParam` / `BetaToolUnionParam` field that holds each. Checked in message.go and
 * betamessage.go (commit b43f0d7a): the old structs' fields are a subset of the new ones', and the
 * tool `Name`/`Type` are SDK constants implied by the struct, so swapping the struct swaps the pair.
 */
export const WRITABLE_TOOL_STRUCTS: Record<string, string> = {
  ToolTextEditor20250728Param: 'OfTextEditor20250728',
  BetaToolTextEditor20250728Param: 'OfTextEditor20250728',
  CodeExecutionTool20250825Param: 'OfCodeExecutionTool20250825',
  BetaCodeExecutionTool20250825Param: 'OfCodeExecutionTool20250825',
};

/**
 * Non-beta names whose `Beta…` / `NewBeta…` twin the SDK also exports (message.go / betamessage.go,
 * commit b43f0d7a): leaving the beta namespace renames these inside the call being moved.
 */
export const BETA_TWINS = new Set([
  'MessageNewParams', 'MessageCountTokensParams', 'MessageParam', 'MessageParamRoleUser', 'MessageParamRoleAssistant',
  'TextBlockParam', 'ContentBlockParamUnion', 'ImageBlockParam', 'CacheControlEphemeralParam', 'MetadataParam',
  'ThinkingConfigParamOfEnabled', 'ThinkingConfigParamUnion', 'ThinkingConfigAdaptiveParam', 'ThinkingConfigDisabledParam',
  'ThinkingConfigEnabledParam', 'ThinkingConfigAdaptiveDisplaySummarized', 'ThinkingConfigAdaptiveDisplayOmitted',
  'OutputConfigParam', 'OutputConfigEffortLow', 'OutputConfigEffortMedium', 'OutputConfigEffortHigh', 'OutputConfigEffortXhigh',
  'OutputConfigEffortMax', 'JSONOutputFormatParam', 'ToolParam', 'ToolUnionParam', 'ToolInputSchemaParam', 'ToolChoiceUnionParam',
  'ToolChoiceAutoParam', 'ToolTextEditor20250728Param', 'CodeExecutionTool20250825Param',
  'NewUserMessage', 'NewTextBlock', 'NewToolResultBlock', 'NewToolUseBlock',
]);

/** The non-beta twin of an SDK name (`BetaMessageParam` → `MessageParam`, `NewBetaTextBlock` → `NewTextBlock`), if verified. */
export function betaTwin(name: string): string | undefined {
  const twin = name.startsWith('NewBeta') ? `New${name.slice('NewBeta'.length)}` : name.startsWith('Beta') ? name.slice(4) : undefined;
  return twin && BETA_TWINS.has(twin) ? twin : undefined;
}
