/**
 * The smallest group of signals an aggregate shows to a caller who may not read those signals
 * themselves (an officer, about another authority), where the group is small enough to point at
 * one signal: another authority's signals at day or week level, or norm pairs and titles.
 */
export const MIN_GROUP_SIZE = 3;
