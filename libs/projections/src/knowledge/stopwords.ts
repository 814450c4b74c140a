/**
 * Dutch (and a few English) words too common to say what a signal is about; a "more like this"
 * query leaves them out. Terms are compared as the full-text index folds them (lower case, no
 * diacritics).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een
  eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is
  ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder
  ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd
  wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden the and for with this that
  art artikel lid`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
