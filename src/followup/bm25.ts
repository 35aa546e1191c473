import { tokenize } from './tokenize.js';

// Okapi BM25 over a few small documents (a day's report posts). Each document has weighted fields, so a
// word in a title counts more than the same word in the fifteenth comment (a simple BM25F: weighted
// term frequencies, one length normalisation over the weighted length).

export interface Bm25Field {
  text: string;
  weight: number;
}

export interface Bm25Document {
  id: string;
  fields: Bm25Field[];
}

export interface Bm25Hit {
  id: string;
  score: number;
  /** Query terms found in the document, most important first. */
  matched: string[];
}

export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full) (default 0.75). */
  b?: number;
}

interface Indexed {
  id: string;
  tf: Map<string, number>;
  length: number;
}

export class Bm25Index {
  private readonly docs: Indexed[];
  private readonly df = new Map<string, number>();
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;

  constructor(documents: Bm25Document[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.docs = documents.map((doc) => {
      const tf = new Map<string, number>();
      let length = 0;
      for (const field of doc.fields) {
        for (const token of tokenize(field.text)) {
          tf.set(token, (tf.get(token) ?? 0) + field.weight);
          length += field.weight;
        }
      }
      for (const term of tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      return { id: doc.id, tf, length };
    });
    this.averageLength = this.docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, this.docs.length) || 1;
  }

  /** Documents with a positive score for `query`, best first (ties keep document order). */
  search(query: string, limit = Infinity): Bm25Hit[] {
    const terms = [...new Set(tokenize(query))];
    const n = this.docs.length;
    const hits: Bm25Hit[] = [];
    for (const doc of this.docs) {
      let score = 0;
      const matched: Array<{ term: string; part: number }> = [];
      for (const term of terms) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        const df = this.df.get(term) ?? 0;
        // The "+1" form of idf never goes negative, so a word in most posts still counts a little.
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const part = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / this.averageLength));
        score += part;
        matched.push({ term, part });
      }
      if (score > 0) hits.push({ id: doc.id, score, matched: matched.sort((x, y) => y.part - x.part).map((m) => m.term) });
    }
    return hits.sort((x, y) => y.score - x.score).slice(0, limit);
  }
}
