import type { AnalysisSections } from '../../src/models/analysis.js';

/**
 * Sections as a model writes them under strict structured output: every field of the JSON schema is
 * present, so each highlight item carries its `commenters` (empty when it quotes no one). The fake
 * OpenAI-compatible server checks scripted answers against the request's schema, as strict servers do.
 */
export function strictModelAnswer(sections: AnalysisSections): AnalysisSections {
  return {
    ...sections,
    highlights: sections.highlights.map((theme) => ({ ...theme, items: theme.items.map((item) => ({ ...item, commenters: item.commenters ?? [] })) })),
  };
}

/**
 * `value` as a grammar-constrained model writes it for `schema` (a request's response_format): only the
 * properties the schema asks for, lists cut at maxItems, texts at maxLength, an id outside an enum replaced
 * by one inside it. It plays a model on a server that enforces the bounded schema (bounded-schema.ts).
 */
export function fitToSchema(value: unknown, schema: any): unknown {
  switch (schema?.type) {
    case 'object': {
      const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, fitToSchema(record[key], child)]));
    }
    case 'array': {
      const items = Array.isArray(value) ? value : [];
      const fitted = items.map((item) => fitToSchema(item, schema.items));
      // An enum list keeps only its members (a post the schema does not know cannot be written).
      const kept = schema.items?.enum ? fitted.filter((item, i) => item === items[i]) : fitted;
      return kept.slice(0, schema.maxItems ?? kept.length);
    }
    case 'string': {
      if (Array.isArray(schema.enum)) return schema.enum.includes(value) ? value : schema.enum[0];
      const text = typeof value === 'string' ? value : '';
      return schema.maxLength === undefined ? text : Array.from(text).slice(0, schema.maxLength).join('');
    }
    default:
      return value;
  }
}

/** The schema a chat request asked its answer to match, if any. */
export function requestSchema(body: any): unknown {
  return body?.response_format?.json_schema?.schema;
}
