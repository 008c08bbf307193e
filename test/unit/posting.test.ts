import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_SETTINGS } from '../../src/config/settings.js';
import { FxTable } from '../../src/normalize/money.js';
import { ListingError, normalizeListing } from '../../src/normalize/posting.js';
import { defaultTagger } from '../../src/skills/tagger.js';

const context = {
  fetchedAt: new Date('2026-11-20T12:00:00Z'),
  fx: new FxTable([{ currency: 'GBP', rate_date: '2026-01-01', per_usd: 0.75 }]),
  settings: DEFAULT_RATE_SETTINGS,
  reportCurrency: 'USD',
  tagger: defaultTagger(),
};
const listing = (fields: Record<string, unknown>) => ({
  externalId: '1',
  url: 'https://example.test/1',
  title: 'Senior DevOps Engineer',
  ...fields,
});

describe('normalizeListing', () => {
  it('reads a UK contract posting whole', () => {
    const posting = normalizeListing(
      listing({
        company: 'Acme Ltd',
        location: 'London, UK (Hybrid)',
        postedAt: '2026-11-18T09:00:00Z',
        description: '<p>6 month contract, <b>£550 pd outside IR35</b>.</p><ul><li>AWS and Terraform</li><li>Kubernetes (k8s)</li></ul>', // prettier-ignore
      }),
      context,
    );
    expect(posting).toMatchObject({
      title: 'Senior DevOps Engineer',
      company: 'Acme Ltd',
      country: 'GB',
      city: 'London',
      workMode: 'hybrid',
      contractType: 'contract',
      ir35: 'outside',
      rate: { min: 550, max: 550, currency: 'GBP', period: 'day', origin: 'text' },
      pay: { normalizedCurrency: 'USD', dayRate: 733.33, hourlyRate: null, excludedReason: null },
      rateFlag: null,
    });
    expect(posting.skills.map((s) => s.id)).toEqual(['devops', 'aws', 'terraform', 'kubernetes']);
    expect(posting.skills[0]?.inTitle).toBe(true);
    expect(posting.postedAt?.toISOString()).toBe('2026-11-18T09:00:00.000Z');
  });

  it("keeps the text's pay over fields it contradicts when the text states amount, currency and period", () => {
    const posting = normalizeListing(
      listing({
        pay: { min: 60_000, max: 135_000, currency: 'USD', period: 'year' },
        description: 'The annual base salary range for this role is 224,000 USD - 425,500 USD.',
      }),
      context,
    );
    expect(posting.rateFlag).toBe(
      'pay fields overruled by the text; the fields said 60000-135000 USD per year',
    );
    expect(posting.rate).toMatchObject({ min: 224_000, max: 425_500, currency: 'USD', period: 'year', origin: 'text' }); // prettier-ignore
    // Fields without a period or currency lose to a text that states both.
    const vague = normalizeListing(
      listing({ pay: { min: 60, max: 80 }, description: 'Rate: £600-£700 per day' }),
      context,
    );
    expect(vague.rate).toMatchObject({ min: 600, max: 700, currency: 'GBP', origin: 'text' });
    expect(vague.rateFlag).toMatch(/^pay fields overruled by the text/);
  });

  it('keeps trusted pay fields against a text that leaves its currency or period unsaid', () => {
    const fields = { min: 60_000, max: 135_000, currency: 'USD', period: 'year' };
    const noPeriod = normalizeListing(
      listing({ pay: fields, description: 'We pay 224,000 USD - 425,500 USD.' }),
      context,
    );
    expect(noPeriod.rate).toMatchObject({ min: 60_000, max: 135_000, origin: 'structured' });
    expect(noPeriod.rateFlag).toBe(
      'pay fields kept against the text; the text said 224000-425500 USD per year',
    );
    // A source whose fields are doubted gives way to the currency alone...
    const doubted = normalizeListing(
      listing({ pay: fields, description: 'We pay 224,000 USD - 425,500 USD.' }),
      { ...context, payFields: 'doubted' },
    );
    expect(doubted.rate).toMatchObject({ min: 224_000, max: 425_500, origin: 'text' });
    // ...and its fields stand where the text states no pay at all.
    const silent = normalizeListing(listing({ pay: fields, description: 'Competitive pay.' }), {
      ...context,
      payFields: 'doubted',
    });
    expect(silent).toMatchObject({ rate: { min: 60_000, origin: 'structured' }, rateFlag: null });
    // Ignored fields are not read at all.
    const ignored = normalizeListing(listing({ pay: fields, description: 'Competitive pay.' }), {
      ...context,
      payFields: 'ignored',
    });
    expect(ignored).toMatchObject({ rate: null, rateFlag: null });
  });

  describe('bad input gives a clear outcome', () => {
    it('no title: a ListingError naming it', () => {
      expect(() => normalizeListing(listing({ title: '  ' }), context)).toThrow(ListingError);
      expect(() => normalizeListing(listing({ title: '  ' }), context)).toThrow(
        'listing has no title',
      );
      expect(() => normalizeListing('not an object', context)).toThrow('payload is not an object');
      expect(() => normalizeListing(null, context)).toThrow(ListingError);
    });

    it('empty text: a posting without skills or rate', () => {
      const posting = normalizeListing(listing({ title: 'Engineer', description: '' }), context);
      expect(posting).toMatchObject({
        description: '',
        rate: null,
        pay: null,
        contractType: 'unknown',
      });
      expect(posting.skills).toEqual([]);
    });

    it('a 5 MB description: cut to size, still tagged', () => {
      const posting = normalizeListing(
        listing({ description: `<p>${'Go and Kubernetes platform work. '.repeat(160_000)}</p>` }),
        context,
      );
      expect(posting.description.length).toBeLessThanOrEqual(50_000);
      expect(posting.notes).toContain('truncated');
      expect(posting.skills.map((s) => s.id)).toEqual(expect.arrayContaining(['go', 'kubernetes']));
    });

    it('binary junk: dropped, noted', () => {
      const junk = Buffer.from(Array.from({ length: 4_096 }, (_, i) => (i * 7) % 256)).toString('latin1'); // prettier-ignore
      const posting = normalizeListing(listing({ description: junk, company: junk.slice(0, 300) }), context); // prettier-ignore
      expect(posting.notes).toContain('binary');
      expect(posting.description).toBe('');
      expect([...(posting.company ?? '')].some((ch) => ch.charCodeAt(0) < 9)).toBe(false);
    });

    it('wrong encodings: repaired', () => {
      const posting = normalizeListing(
        listing({ title: 'DÃ©veloppeur Python', description: 'Weâ€™re hiring â€” â‚¬600/day' }),
        context,
      );
      expect(posting.title).toBe('Développeur Python');
      expect(posting.description).toBe('We’re hiring — €600/day');
      expect(posting.rate).toMatchObject({ min: 600, currency: 'EUR', period: 'day' });
    });

    it('absurd numbers: kept, excluded from statistics with the reason', () => {
      const posting = normalizeListing(
        listing({
          pay: { min: 1e15, max: 1e16, currency: 'USD', period: 'day' },
          postedAt: '3026-01-01',
        }),
        context,
      );
      expect(posting.pay?.excludedReason).toMatch(/^implausible day rate/);
      expect(posting.postedAt).toBeNull();
      expect(posting.notes).toEqual(expect.arrayContaining(['posted date out of range']));
      const nonsense = normalizeListing(
        listing({ pay: { min: -10, max: -5, currency: '$$$', period: 'fortnight' } }),
        context,
      );
      expect(nonsense.rate).toBeNull();
    });

    it('a field of the wrong type: a ListingError naming the field', () => {
      const wrong = { company: 42, location: ['x'], tags: 'nope', remote: 'yes', pay: 'lots' };
      for (const [field, value] of Object.entries(wrong)) {
        expect(() => normalizeListing(listing({ [field]: value }), context)).toThrow(
          new RegExp(`^payload is not a stored listing: ${field}: Invalid input`),
        );
      }
      expect(() => normalizeListing(listing({ pay: { min: '450' } }), context)).toThrow(
        'payload is not a stored listing: pay.min: Invalid input: expected number, received string',
      );
    });
  });
});
