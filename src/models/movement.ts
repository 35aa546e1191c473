// What the analysis says of a topic's movement (src/analysis/movement.ts decides it): a type the stored
// analysis carries, so it lives with the models.

export type Movement = 'rising' | 'fading' | 'new' | 'steady';

export interface MovementVerdict {
  /** The topic as readers see it ("Humanoids", "Seedance"). */
  topic: string;
  movement: Movement;
  /** Which comparison said it: today against the week or earlier days, or the last 7 days against the month. */
  scale: 'day' | 'month';
}
