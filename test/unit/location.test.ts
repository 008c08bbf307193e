import { describe, expect, it } from 'vitest';
import { countriesStated, parseLocation, workModeOf } from '../../src/normalize/location.js';

describe("parseLocation on real postings' places", () => {
  it.each([
    ['Frankfurt am Main', 'DE', 'Frankfurt am Main'],
    ['Dresden', 'DE', 'Dresden'],
    ['Nuremberg', 'DE', 'Nuremberg'],
    ['Hanover', 'DE', 'Hanover'],
    ['Aachen', 'DE', 'Aachen'],
    ['40221 Düsseldorf', 'DE', 'Düsseldorf'],
    ['Leamington Spa, UK', 'GB', 'Leamington Spa'],
    ['Holland, MI', 'US', 'Holland'],
    ['New York, NY', 'US', 'New York'],
    ['Kochi (Kerala)', 'IN', 'Kochi'],
    ['Melbourne AU', 'AU', 'Melbourne'],
    ['Los Angeles onsite', 'US', 'Los Angeles'],
    ['Victoria, BC', 'CA', 'Victoria'],
    ['Greater Boston Area', 'US', 'Boston'],
    ['Onsite - Downtown San Francisco', 'US', 'San Francisco'],
  ])('%s', (text, country, city) => {
    expect(parseLocation(text)).toMatchObject({ country, city });
  });

  it('reads every country named, by name in three languages or by its people', () => {
    expect(parseLocation('Remote (US/Canada only)').countries).toEqual(['US', 'CA']);
    expect(parseLocation('Toronto or Remote (Only Canadian)').countries).toEqual(['CA']);
    expect(parseLocation('San Francisco or Russia').countries).toEqual(['US', 'RU']);
    expect(parseLocation('Allemagne').country).toBe('DE');
    expect(parseLocation('Croatia').country).toBe('HR');
  });

  it("lets the source's country decide between towns of one name, and names no place it cannot", () => {
    expect(parseLocation('Wutöschingen').country).toBeNull();
    expect(parseLocation('Wutöschingen', ['DE'])).toMatchObject({
      country: 'DE',
      city: 'Wutöschingen',
    });
    for (const text of [
      'Remote, Worldwide',
      'EMEA',
      'Americas',
      'North America',
      'USA timezones',
    ]) {
      expect(parseLocation(text).city, text).toBeNull();
    }
  });
});

describe('countriesStated', () => {
  it('reads a country in the title, then where the text says candidates must be', () => {
    expect(countriesStated('Partnerships Manager Japan', '')).toEqual(['JP']);
    expect(countriesStated('Staff DevOps Engineer', 'This role can be performed remotely (within the US) regardless of location')).toEqual(['US']); // prettier-ignore
    expect(countriesStated('Engineer', 'We are a remote first team, so US-based applicants are welcome')).toEqual(['US']); // prettier-ignore
  });

  it("does not take offices, customers or names for the job's place", () => {
    expect(countriesStated('Engineer', 'Our customers in Germany and Brazil love us')).toEqual([]);
    expect(countriesStated('Michael Jordan Fan Club Manager', '')).toEqual([]);
  });
});

describe('workModeOf', () => {
  it.each([
    [{ location: 'Onsite - kein Remote' }, 'onsite'],
    [{ title: 'Engineer', text: 'Wir bieten: 2 Tage Homeoffice pro Woche' }, 'hybrid'],
    [{ title: 'Engineer', text: 'Mobiles Arbeiten nach Absprache, Büro in Berlin' }, 'hybrid'],
    [
      { remote: true, text: 'This is a hybrid role: three days a week in our London office' },
      'hybrid',
    ],
    [{ remote: true, text: 'We build hybrid cloud platforms on Azure' }, 'remote'],
    [{ title: 'Engineer', text: 'Die Stelle ist zu 100% remote' }, 'remote'],
    [{ title: 'Engineer', text: 'Arbeit vor Ort in unserem Werk' }, 'onsite'],
  ] as const)('%j: %s', (input, mode) => {
    expect(workModeOf(input)).toBe(mode);
  });
});
