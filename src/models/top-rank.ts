// A post's places in Reddit's own top lists: what stands in for its popularity when the source gives no
// numbers (the public top feeds). In a file of its own because posts (models.ts) and the citations of an
// analysis (analysis.ts) both carry it, and neither may import the other.

/** 1-based positions in Reddit's top list of the day, week or month, when the source is a ranked list. */
export interface TopRank {
  day?: number;
  week?: number;
  month?: number;
  /**
   * 1-based position in its own community's top list of the day, for a post read there because the day
   * list of all communities left that community out (the public feeds): orders a community's posts
   * without claiming a place in the day list (which is somewhere past its end).
   */
  dayInCommunity?: number;
}
