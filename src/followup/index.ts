// Follow-up questions in threads under a report: see follow-ups.ts. Adapters use only what is exported here.
export { FollowUps, tokensOf, type FollowUpAnswer, type FollowUpDeps, type FollowUpQuestion } from './follow-ups.js';
export type { BindThread } from './threads.js';
