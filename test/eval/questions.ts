// The evaluation's questions: what AI practitioners ask in a thread under the report, each with the posts
// a good answer cites (any of them is right; the first listed is not preferred). Written from the posts'
// titles, bodies and comments as a reader would word them, not as search terms.
//
// Two days: the bundled sample (real posts, titles only) and the SYNTHETIC day (invented posts with
// bodies and comments, src/sample/synthetic-day.json), where an answer can rest on what a comment says.

export interface EvalQuestion {
  question: string;
  /** Post ids a good answer cites. */
  expected: string[];
}

export const sampleQuestions: EvalQuestion[] = [
  { question: 'Is there anything new for fine-tuning mixture-of-experts models on a small GPU?', expected: ['1r14h9u'] },
  { question: 'What happened with Seedance and voice cloning?', expected: ['1r0yr96'] },
  { question: 'Which video generation model is everyone talking about today?', expected: ['1r1auy1', '1r0zckw', '1r0wr5l', '1r0yr96', '1r09jmy'] },
  { question: "What's going on at xAI?", expected: ['1r1k3td'] },
  { question: 'Is Hugging Face releasing something with Anthropic?', expected: ['1r0zn8o'] },
  { question: 'Can I run an 80B model on a NAS with only an integrated GPU?', expected: ['1r1jdq3'] },
  { question: "What's the best model to run locally on a normal PC?", expected: ['1r1g5m0', '1r1579c'] },
  { question: 'How good is Claude Opus 4.6 at finding security vulnerabilities?', expected: ['1qxdd6n'] },
  { question: 'What did Anthropic announce about ads in Claude?', expected: ['1qvnvid', '1qvzvxu'] },
  { question: 'Any news on state space models or Mamba replacing transformers?', expected: ['1r19jnu'] },
  { question: 'How should I build the ingestion pipeline for a RAG system?', expected: ['1r129pa'] },
  { question: 'Has anyone tried the Voyage 4 embeddings for retrieval?', expected: ['1r14lw9'] },
  { question: 'What are people saying about Kimi?', expected: ['1r13m42'] },
  { question: 'Which humanoid robots were shown off this week?', expected: ['1qxhcbl', '1r080u1', '1qy93eo'] },
  { question: 'Can I run LLMs on an old CPU without an NVIDIA card?', expected: ['1qxcm5g'] },
  { question: 'What is the problem with OpenClaw agents and Gmail?', expected: ['1r1cf1j', '1r15ji4'] },
  { question: 'Is it hard to land a research scientist role in machine learning?', expected: ['1r0xtzd'] },
  { question: 'Is AI changing data science interviews?', expected: ['1r16y9s'] },
  { question: 'Why do people keep bashing Ollama?', expected: ['1qvq0xe'] },
  { question: "What did Claude Code's multi-agent demo do?", expected: ['1qydazj'] },
  { question: 'How much does the new Opus model cost?', expected: ['1qws1j9', '1qwrrn7'] },
];

export const syntheticQuestions: EvalQuestion[] = [
  { question: 'Which open-weights coding model came out today, and under what licence?', expected: ['synthetic01'] },
  { question: 'How much VRAM does Marlin 3.1 need?', expected: ['synthetic01', 'synthetic02'] },
  { question: 'Is Kestrel-14B faster than Marlin on a 16 GB card?', expected: ['synthetic02'] },
  { question: 'What can Tessera 2 do with video and dialogue?', expected: ['synthetic03'] },
  { question: 'Are there consent concerns with the voice cloning demo?', expected: ['synthetic04'] },
  { question: 'Is there a way to cut MoE inference memory?', expected: ['synthetic05'] },
  { question: 'How can I load GGUF models faster on a Mac?', expected: ['synthetic06'] },
  { question: 'Will Quillwork keep releasing open weights?', expected: ['synthetic08'] },
  { question: 'How do I stop an agent from burning money in a retry loop?', expected: ['synthetic09'] },
  { question: 'Does hybrid search with BM25 improve RAG accuracy?', expected: ['synthetic10'] },
  { question: 'Should I buy a used 24 GB GPU for local inference?', expected: ['synthetic12'] },
  { question: 'How long can the Brackett humanoid work without a reset?', expected: ['synthetic07', 'synthetic13'] },
  { question: 'Did anyone run Marlin with llama.cpp, and how fast was it?', expected: ['synthetic01'] },
];
