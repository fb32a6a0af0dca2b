// Facts about anthropic-sdk-csharp (NuGet `Anthropic`) that the C# adapter reads and writes.
// Checked against the SDK source (anthropics/anthropic-sdk-csharp at 0be2cd1, 2026-07-23):
// src/Anthropic/AnthropicClient.cs (AnthropicClient, IAnthropicClient), src/Anthropic.Bedrock/
// (AnthropicBedrockClient, AnthropicBedrockMantleClient), src/Anthropic.Vertex/AnthropicVertexClient.cs,
// src/Anthropic.Foundry/AnthropicFoundryClient.cs, src/Anthropic.Aws/AnthropicAwsClient.cs,
// src/Anthropic.GoogleCloud/AnthropicGoogleCloudClient.cs; src/Anthropic/Services/MessageService.cs
// and Services/Beta/MessageService.cs (Create, CreateStreaming, CountTokens), Services/Messages/BatchService.cs;
// src/Anthropic/Models/Messages/: MessageCreateParams.cs (MaxTokens, Messages, Model, OutputConfig,
// System, Temperature, Thinking, Tools, TopK, TopP…), Model.cs (every constant ever published maps
// to its ID word by word: Claude3_5Sonnet20241022 → claude-3-5-sonnet-20241022, ClaudeOpus4_6 →
// claude-opus-4-6), ThinkingConfigAdaptive.cs (Display property, enum Display { Summarized, Omitted }),
// ThinkingConfigEnabled.cs (BudgetTokens, Display of enum ThinkingConfigEnabledDisplay),
// ThinkingConfigDisabled.cs, OutputConfig.cs (Effort property, enum Effort { Low, Medium, High,
// Xhigh, Max }, Format of JsonOutputFormat), JsonOutputFormat.cs (Schema: IReadOnlyDictionary<string,
// JsonElement>), StopReason.cs (EndTurn…ModelContextWindowExceeded), Role (User, Assistant);
// src/Anthropic/Models/Beta/Messages/: the same with Beta-prefixed classes (BetaThinkingConfigAdaptive,
// BetaOutputConfig, BetaJsonOutputFormat) and unprefixed MessageCreateParams / Role / Effort / Display;
// Models/Beta/AnthropicBeta.cs (InterleavedThinking2025_05_14 → interleaved-thinking-2025-05-14).
import type { Platform } from '../types.js';
import { identifierWords } from '../tree-sitter/common.js';

export const MESSAGES_NAMESPACE = 'Anthropic.Models.Messages';
export const BETA_MESSAGES_NAMESPACE = 'Anthropic.Models.Beta.Messages';

export const CLIENT_TYPES: Record<string, Platform> = {
  AnthropicClient: 'first-party',
  AnthropicBedrockClient: 'bedrock',
  AnthropicBedrockMantleClient: 'bedrock',
  AnthropicVertexClient: 'vertex',
  AnthropicFoundryClient: 'foundry',
  AnthropicAwsClient: 'aws',
  // Claude Platform on Google Cloud: no Platform value of its own.
  AnthropicGoogleCloudClient: 'unknown',
};
/** Interfaces a client may be typed as (platform not known from the type). */
export const CLIENT_INTERFACES = ['IAnthropicClient', 'IAnthropicClientWithRawResponse'];

/** `Model` constants of the current SDK: the only ones the adapter writes. */
export const CURRENT_MODEL_CONSTANTS = [
  'ClaudeSonnet5', 'ClaudeFable5', 'ClaudeMythos5', 'ClaudeOpus4_8', 'ClaudeOpus4_7', 'ClaudeMythosPreview', 'ClaudeOpus4_6',
  'ClaudeSonnet4_6', 'ClaudeHaiku4_5', 'ClaudeHaiku4_5_20251001', 'ClaudeOpus4_5', 'ClaudeOpus4_5_20251101', 'ClaudeSonnet4_5',
  'ClaudeSonnet4_5_20250929', 'ClaudeOpus4_1', 'ClaudeOpus4_1_20250805',
];

/** `Model.Claude3_5Sonnet20241022` → `claude-3-5-sonnet-20241022`; undefined for non-Claude names. */
export function modelIdFromConstant(name: string): string | undefined {
  if (!/^Claude[A-Za-z0-9_]+$/.test(name)) return undefined;
  return identifierWords(name).map((w) => w.toLowerCase()).join('-');
}

export function constantForModelId(id: string): string | undefined {
  return CURRENT_MODEL_CONSTANTS.find((c) => modelIdFromConstant(c) === id);
}

/** `StopReason.EndTurn` → `end_turn`, `Effort.High` → `high`, `Role.Assistant` → `assistant`, `AnthropicBeta.X2025_05_14` → `x-2025-05-14`. */
export function enumValue(className: string, member: string): string | undefined {
  if (className === 'Model') return modelIdFromConstant(member);
  const words = identifierWords(member).map((w) => w.toLowerCase());
  if (className === 'AnthropicBeta') return words.join('-');
  if (/^(StopReason|Effort|Role|Display|ThinkingConfigEnabledDisplay|ServiceTier)$/.test(className)) return words.join('_');
  return undefined;
}

export const EFFORT_MEMBERS: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', xhigh: 'Xhigh', max: 'Max' };
export const DISPLAY_MEMBERS: Record<string, string> = { summarized: 'Summarized', omitted: 'Omitted' };

/** Implicit `type` of an object from its class: ThinkingConfigEnabled → enabled, ToolTextEditor20250124 → text_editor_20250124. */
export function typeFromClass(cls: string): string | undefined {
  const t = cls.replace(/^Beta/, '');
  const thinking = /^ThinkingConfig(Enabled|Adaptive|Disabled)$/.exec(t);
  if (thinking) return thinking[1].toLowerCase();
  if (t === 'JsonOutputFormat') return 'json_schema';
  if (/\d{8}$/.test(t) && /Tool/.test(t)) return identifierWords(t.replace(/Tool(?=[A-Z\d]|$)/g, '')).map((w) => w.toLowerCase()).join('_');
  return undefined;
}

/**
 * Tool classes that set their own `type` (and paired `name`), by the type they set: a type change is
 * a class change. Each exists in Anthropic.Models.Messages and, Beta-prefixed, in the beta namespace
 * (verified at 0be2cd1: ToolTextEditor20250728 sets name str_replace_based_edit_tool itself).
 */
export const TOOL_CLASS_FOR_TYPE: Record<string, string> = {
  text_editor_20250728: 'ToolTextEditor20250728',
  code_execution_20250825: 'CodeExecutionTool20250825',
};
