import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyModelError, describeOverflow } from '../../src/llm/model-errors.js';
import { estimatePromptTokens } from '../../src/llm/prompt-tokens.js';
import { effectiveContext, probeServer, serverRoot } from '../../src/llm/server-info.js';
import { llamaTokens } from '../fakes/llama-server.js';

// What a local server's answers mean (model-errors.ts), what it says of itself (server-info.ts), and the
// token estimate used when it says nothing (prompt-tokens.ts).

const headers = new Headers();

describe('classifyModelError', () => {
  it('reads llama-server’s 500 on a grammar cut as a cut, in a status error or a stream’s error event', () => {
    const message = 'The model produced output that does not match the expected peg-native format';
    expect(classifyModelError(OpenAI.APIError.generate(500, { error: { code: 500, message, type: 'server_error' } }, undefined, headers))).toEqual({ kind: 'truncated' });
    // The SDK's error for `data: {"error": …}` in a stream has no status.
    expect(classifyModelError(new OpenAI.APIError(undefined, { code: 500, message, type: 'server_error' }, undefined, undefined))).toEqual({ kind: 'truncated' });
    expect(classifyModelError(OpenAI.APIError.generate(500, { error: { message: 'boom' } }, undefined, headers))).toEqual({ kind: 'other' });
  });

  it('reads an overflow with its numbers: llama-server’s exceed_context_size_error, and vLLM’s words', () => {
    const llama = OpenAI.APIError.generate(400, { error: { code: 400, message: 'the request exceeds the available context size', type: 'exceed_context_size_error', n_prompt_tokens: 14_429, n_ctx: 8_192 } }, undefined, headers);
    expect(classifyModelError(llama)).toEqual({ kind: 'overflow', promptTokens: 14_429, contextTokens: 8_192 });
    const vllm = OpenAI.APIError.generate(400, { error: { message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion).", code: null } }, undefined, headers);
    expect(classifyModelError(vllm)).toEqual({ kind: 'overflow', promptTokens: 8_000, contextTokens: 8_192 });
    const grammar = OpenAI.APIError.generate(400, { error: { code: 400, message: 'Failed to initialize samplers: failed to parse grammar', type: 'invalid_request_error' } }, undefined, headers);
    expect(classifyModelError(grammar)).toEqual({ kind: 'schema-refused' });
  });

  it('gives the advice the numbers call for', () => {
    expect(describeOverflow({ kind: 'overflow', promptTokens: 9_000, contextTokens: 4_096 }, 16_384)).toBe(
      "the prompt is 9,000 tokens and the server's context 4,096: the server has less than OPENAI_CONTEXT_TOKENS (16,384) says; start it with a larger context (llama-server -c, divided among its parallel slots -np) or set OPENAI_CONTEXT_TOKENS=4,096",
    );
    expect(describeOverflow({ kind: 'overflow', promptTokens: 20_000, contextTokens: 16_384 }, 16_384)).toMatch(/start the server with a larger context \(llama-server -c\) and set OPENAI_CONTEXT_TOKENS to match$/);
  });
});

describe('what the server says of itself', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function serve(routes: Record<string, unknown>): Promise<string> {
    const server = createServer((req, res) => {
      const body = routes[`${req.method} ${req.url}`];
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }

  it('Ollama: num_ctx from the model’s parameters, else its trained context and a warning about the server’s default', async () => {
    const withNumCtx = await serve({ 'POST /api/show': { parameters: 'stop "<|im_end|>"\nnum_ctx 8192', model_info: { 'qwen2.context_length': 32_768 } } });
    const info = await probeServer({ baseURL: withNumCtx, model: 'qwen2.5:0.5b' }, fetch);
    expect(info).toMatchObject({ kind: 'ollama', contextTokens: 8_192 });
    expect(effectiveContext(16_384, info)).toMatchObject({ contextTokens: 8_192, warning: expect.stringContaining('OPENAI_CONTEXT_TOKENS is 16,384 but the server gives each request 8,192 tokens') });
    await close!();
    const bare = await serve({ 'POST /api/show': { parameters: 'stop "<|im_end|>"', model_info: { 'qwen2.context_length': 32_768 } } });
    const unsaid = await probeServer({ baseURL: bare, model: 'qwen2.5:0.5b' }, fetch);
    expect(unsaid).toEqual({ kind: 'ollama', trainedContextTokens: 32_768 });
    expect(effectiveContext(16_384, unsaid).warning).toMatch(/set OLLAMA_CONTEXT_LENGTH=16,384 when starting ollama serve/);
  });

  it('another server says nothing: the setting holds, with no warning; llama-server’s slots are named', async () => {
    const url = await serve({});
    expect(await probeServer({ baseURL: url, model: 'm' }, fetch)).toEqual({ kind: 'unknown' });
    expect(effectiveContext(16_384, { kind: 'unknown' })).toEqual({ contextTokens: 16_384 });
    expect(effectiveContext(16_384, { kind: 'llama.cpp', contextTokens: 4_096, slots: 4 }).warning).toContain('(its context divided among 4 parallel slots)');
    expect(effectiveContext(8_192, { kind: 'llama.cpp', contextTokens: 32_768 })).toMatchObject({ contextTokens: 8_192, warning: expect.stringContaining('raise it to use the server') });
    expect(serverRoot('http://localhost:8080/v1/')).toBe('http://localhost:8080');
  });
});

describe('estimatePromptTokens', () => {
  it('never undercounts the day’s JSON and prose the way characters / 3 did (against a llama-like tokenizer)', () => {
    const data = JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ id: `1r${i}abc${i}`, r: 'LocalLLaMA', t: `Qwen3-${i}B at 38.5 tok/s on a 24 GB card (Q4_K_M)`, p: 1000 + i * 37, c: 200 + i })));
    const prose = 'You are the analyst of a daily Reddit AI trend report read by AI practitioners in their team chat.';
    for (const text of [data, prose]) expect(estimatePromptTokens(text)).toBeGreaterThanOrEqual(llamaTokens(text) * 0.9);
    expect(Math.ceil(data.length / 3)).toBeLessThan(llamaTokens(data));
  });
});
