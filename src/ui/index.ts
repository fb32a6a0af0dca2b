// Public surface of the interactive UI: view-model and decision types, and the render facades.
export type * from './types.js';
export { renderScope, renderReview, renderPromptEdits, renderSummary, type RenderOptions, type EditorRenderOptions } from './render.js';
