import { createRequire } from 'node:module';

/**
 * The parts of natural's API that skillpulse uses. natural's own typings ship a .ts
 * source file that strict ESM type-checking rejects, so they are declared here.
 */
export interface NaturalModule {
  PorterStemmer: { stem(token: string): string; tokenizeAndStem(text: string): string[] };
  RegexpTokenizer: new (options: { pattern: RegExp; gaps?: boolean }) => {
    tokenize(text: string): string[];
  };
  NGrams: { ngrams(tokens: string[] | string, n: number): string[][] };
  BayesClassifier: new (stemmer?: { stem(token: string): string }) => BayesClassifier;
  TfIdf: new () => TfIdf;
  /** The English stop words natural's stemmers leave out. */
  stopwords: string[];
}

export interface BayesClassifier {
  /** Every feature (stemmed token) seen in training; its position is its index. */
  readonly features: Record<string, unknown>;
  /** The underlying model; takes a dense 0/1 vector or a sparse object of feature indices. */
  readonly classifier: {
    getClassifications(observation: Record<string, number>): { label: string; value: number }[];
  };
  addDocument(text: string | string[], label: string): void;
  train(): void;
  classify(text: string | string[]): string;
  getClassifications(text: string | string[]): { label: string; value: number }[];
}

export interface TfIdf {
  addDocument(document: string | string[], key?: unknown): void;
  /** A string is tokenized first; pass an array to score a multi-word term as one. */
  tfidf(terms: string | string[], documentIndex: number): number;
}

/**
 * The only door to `natural`. Its storage modules call `dotenv.config()` on import,
 * which prints "injected env" advertising on stdout and copies a `.env` file from the
 * working directory into the environment. Both are stopped here, once: dotenv is told
 * to be quiet, and whatever it injected is taken back out, so configuration still
 * comes only from the real environment and the config file.
 */
function loadNatural(): NaturalModule {
  const require = createRequire(import.meta.url);
  const before = new Map(Object.entries(process.env));
  const hadQuiet = before.has('DOTENV_CONFIG_QUIET');
  process.env.DOTENV_CONFIG_QUIET = 'true';
  try {
    return require('natural') as NaturalModule;
  } finally {
    for (const key of Object.keys(process.env)) {
      if (!before.has(key)) delete process.env[key];
      else if (process.env[key] !== before.get(key)) process.env[key] = before.get(key);
    }
    if (!hadQuiet) delete process.env.DOTENV_CONFIG_QUIET;
  }
}

export const natural = loadNatural();
