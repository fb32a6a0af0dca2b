// Facts about anthropic-sdk-java (package com.anthropic) that the Java adapter reads and writes.
// Checked against the SDK source (snapshot of 2026-08-19, commit 8f5861c8):
// anthropic-java-core/src/main/kotlin/com/anthropic/models/messages/Model.kt (constants),
// MessageCreateParams.kt (builder methods: model, maxTokens, temperature, topP, topK, thinking —
// with ThinkingConfigAdaptive/Enabled/Disabled overloads —, enabledThinking, outputConfig,
// addUserMessage, addAssistantMessage, addMessage, messages, system, putAdditionalHeader),
// ThinkingConfigAdaptive.kt (builder, display, Display.SUMMARIZED), OutputConfig.kt (builder, effort,
// format, Effort.LOW…MAX), StopReason.kt, MessageParam.kt (Role.USER/ASSISTANT, content(String));
// models/beta/messages/ (MessageCreateParams with addBeta/betas, BetaThinkingConfigAdaptive,
// BetaOutputConfig); client-okhttp AnthropicOkHttpClient(.Builder.putHeader, backend, fromEnv);
// backends: BedrockBackend, BedrockMantleBackend, VertexBackend, AwsBackend, FoundryBackend,
// GoogleCloudBackend.

export const MESSAGES_PACKAGE = 'com.anthropic.models.messages';
export const BETA_MESSAGES_PACKAGE = 'com.anthropic.models.beta.messages';

/** `Model` constants of the current SDK (Model.kt): the only ones the adapter writes. */
export const CURRENT_MODEL_CONSTANTS = [
  'CLAUDE_SONNET_5', 'CLAUDE_FABLE_5', 'CLAUDE_MYTHOS_5', 'CLAUDE_OPUS_5', 'CLAUDE_OPUS_4_8', 'CLAUDE_OPUS_4_7',
  'CLAUDE_MYTHOS_PREVIEW', 'CLAUDE_OPUS_4_6', 'CLAUDE_SONNET_4_6', 'CLAUDE_HAIKU_4_5', 'CLAUDE_HAIKU_4_5_20251001',
  'CLAUDE_OPUS_4_5', 'CLAUDE_OPUS_4_5_20251101', 'CLAUDE_SONNET_4_5', 'CLAUDE_SONNET_4_5_20250929',
];

/**
 * `Model.CLAUDE_3_5_SONNET_20241022` → `claude-3-5-sonnet-20241022`: every constant the SDK ever
 * published (git history of Model.kt, 48 names) is its ID upper-cased with `-` → `_`.
 */
export function modelIdFromConstant(name: string): string | undefined {
  if (!/^CLAUDE_[A-Z0-9_]+$/.test(name)) return undefined;
  return name.toLowerCase().replace(/_/g, '-');
}

export function constantForModelId(id: string): string | undefined {
  const name = id.toUpperCase().replace(/-/g, '_');
  return CURRENT_MODEL_CONSTANTS.includes(name) ? name : undefined;
}

/**
 * Enum classes whose constants map to wire values: `StopReason.END_TURN` → `end_turn`,
 * `OutputConfig.Effort.HIGH` → `high`, `MessageParam.Role.ASSISTANT` → `assistant`,
 * `AnthropicBeta.INTERLEAVED_THINKING_2025_05_14` → `interleaved-thinking-2025-05-14`.
 */
export function enumValue(className: string, constant: string): string | undefined {
  if (!/^[A-Z][A-Z0-9_]*$/.test(constant)) return undefined;
  if (className === 'Model') return modelIdFromConstant(constant);
  if (className === 'AnthropicBeta') return constant.toLowerCase().replace(/_/g, '-');
  if (/^(StopReason|Effort|Role|Display|Known)$/.test(className)) return constant.toLowerCase();
  return undefined;
}

/** Builder methods that append one element to a list parameter. */
export const ADDERS: Record<string, { key: string; role?: 'user' | 'assistant' }> = {
  addUserMessage: { key: 'messages', role: 'user' },
  addUserMessageOfBlockParams: { key: 'messages', role: 'user' },
  addAssistantMessage: { key: 'messages', role: 'assistant' },
  addAssistantMessageOfBlockParams: { key: 'messages', role: 'assistant' },
  addMessage: { key: 'messages' },
  addBeta: { key: 'betas' },
  addTool: { key: 'tools' },
  addStopSequence: { key: 'stop_sequences' },
  addMcpServer: { key: 'mcp_servers' },
};

export const EFFORT_CONSTANTS: Record<string, string> = { low: 'LOW', medium: 'MEDIUM', high: 'HIGH', xhigh: 'XHIGH', max: 'MAX' };
export const DISPLAY_CONSTANTS: Record<string, string> = { summarized: 'SUMMARIZED', omitted: 'OMITTED' };

/** Client backends (`.backend(X.fromEnv())` / `X.builder()…build()`) and their platform. */
export const BACKENDS: Record<string, 'bedrock' | 'vertex' | 'aws' | 'foundry' | 'unknown'> = {
  BedrockBackend: 'bedrock',
  BedrockMantleBackend: 'bedrock',
  VertexBackend: 'vertex',
  AwsBackend: 'aws',
  FoundryBackend: 'foundry',
  GoogleCloudBackend: 'unknown', // Claude Platform on Google Cloud: no Platform value of its own
};

export const CLIENT_FACTORIES = ['AnthropicOkHttpClient', 'AnthropicOkHttpClientAsync'];
export const CLIENT_TYPES = ['AnthropicClient', 'AnthropicClientAsync', 'AnthropicOkHttpClient', 'AnthropicOkHttpClientAsync'];

/**
 * Server-tool classes the adapter may write when a tool version changes (tool-version rule), with the
 * `ToolUnion` / `BetaToolUnion` factory that wraps each. Checked in models/messages/ and
 * models/beta/messages/ (commit 8f5861c8): the old classes' builder methods are a subset of the new
 * ones', `addTool` has an overload per class, and the tool name/type are constants of the class.
 */
export const WRITABLE_TOOL_CLASSES: Record<string, string> = {
  ToolTextEditor20250728: 'ofTextEditor20250728',
  BetaToolTextEditor20250728: 'ofTextEditor20250728',
  CodeExecutionTool20250825: 'ofCodeExecutionTool20250825',
  BetaCodeExecutionTool20250825: 'ofCodeExecutionTool20250825',
};
