// English function words that carry no topic: left out of keyword queries and of the word vectors.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing down during each either else etc ever every few for from further had has have
  having he her here hers herself him himself his how however i if in into is it its itself just least less let may
  me might more most much must my myself neither no nor not now of off often on once only or other otherwise our ours
  ourselves out over own per rather same shall she should since so some such than that the their theirs them
  themselves then there thereby therefore these they this those though through thus to too toward towards under
  until up upon us very via was we were what whatever when where whereas whether which while who whom whose why will
  with within without would yet you your yours yourself yourselves`.split(/\s+/),
);
