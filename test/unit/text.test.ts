import { describe, expect, it } from 'vitest';
import {
  cleanDescription,
  cleanLine,
  repairMojibake,
  TEXT_LIMITS,
} from '../../src/normalize/text.js';
import { parseLocation, workModeOf } from '../../src/normalize/location.js';

describe('cleanDescription', () => {
  it('drops tags, scripts and styles and keeps block structure as lines', () => {
    const { text } = cleanDescription(
      '<h2>About</h2><p>We build <b>APIs</b>.</p><script>alert(1)</script><style>p{}</style><ul><li>Go</li><li>SQL</li></ul>',
    );
    expect(text).toBe('About\nWe build APIs .\n- Go\n- SQL');
  });

  it('decodes entities, also in HTML that a source escaped whole (Greenhouse)', () => {
    expect(cleanDescription('&lt;p&gt;Fish &amp;amp; chips &lt;/p&gt;').text).toBe('Fish & chips');
    expect(cleanDescription('<p>R&amp;D &ndash; caf&eacute; &#8364;600</p>').text).toBe(
      'R&D – café €600',
    );
  });

  it('repairs double-encoded UTF-8 and says so', () => {
    const result = cleanDescription('<p>Weâ€™re hiring a DÃ©veloppeur â€” â‚¬600/day</p>');
    expect(result.text).toBe('We’re hiring a Développeur — €600/day');
    expect(result.notes).toContain('mojibake');
  });

  it('repairs text mis-encoded two and three times over (RemoteOK)', () => {
    // "•" encoded as UTF-8, read as Windows-1252 and encoded again, twice and three times.
    const twice = Buffer.from(Buffer.from('•', 'utf8').toString('latin1'), 'utf8').toString(
      'latin1',
    );
    expect(twice).toBe('Ã¢Â\u0080Â¢');
    expect(repairMojibake('Ã¢Â€Â¢ Kubernetes')).toBe('• Kubernetes');
    expect(repairMojibake(`${twice} Go`)).toBe('• Go');
    expect(repairMojibake('ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢')).toBe('’');
    expect(cleanDescription('<p>Weâ€™re Ã¢Â€Â¢ remote</p>').text).toBe('We’re • remote');
  });

  it('repairs the sequences of a run that decode, and keeps the rest', () => {
    // "Ã©" decodes; "Ã" before a character that is no continuation byte does not.
    expect(repairMojibake('cafÃ© Ã la carte')).toBe('café Ã la carte');
    expect(repairMojibake('DÃ©veloppeurÂ\u00ff')).toBe('DéveloppeurÂ\u00ff');
  });

  it('leaves correct text alone', () => {
    for (const text of [
      'Ã  la carte? No: À la carte',
      'Zürich, naïve café, 東京',
      'â is a letter',
    ]) {
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it('bounds a 5 MB description', () => {
    const huge = `<p>${'Kubernetes and Terraform. '.repeat(200_000)}</p>`;
    const result = cleanDescription(huge);
    expect(huge.length).toBeGreaterThan(5_000_000);
    expect(result.text.length).toBeLessThanOrEqual(TEXT_LIMITS.description);
    expect(result.notes).toContain('truncated');
  });

  it('empties binary junk instead of storing it', () => {
    const junk = Array.from({ length: 2_000 }, (_, i) => String.fromCharCode(i % 32)).join('');
    expect(cleanDescription(junk)).toEqual({ text: '', notes: ['binary'] });
    expect(cleanDescription('ok\u0000text\u0007here').text).toBe('ok text here');
  });

  it('gives empty text for nothing', () => {
    expect(cleanDescription(null)).toEqual({ text: '', notes: [] });
    expect(cleanDescription('')).toEqual({ text: '', notes: [] });
  });
});

describe('cleanLine', () => {
  it('makes one bounded line', () => {
    expect(cleanLine('  Senior <b>Go</b>\n Engineer &amp; SRE ', 100)).toBe(
      'Senior Go Engineer & SRE',
    );
    expect(cleanLine('x'.repeat(500), 10)).toBe('x'.repeat(10));
    expect(cleanLine('   ', 10)).toBeNull();
  });
});

describe('parseLocation', () => {
  it.each([
    ['London, UK', { country: 'GB', region: 'England', city: 'London' }],
    ['London', { country: 'GB', region: 'England', city: 'London' }],
    ['Edinburgh, Scotland', { country: 'GB', region: 'Scotland', city: 'Edinburgh' }],
    ['San Francisco, CA', { country: 'US', region: 'CA', city: 'San Francisco' }],
    ['Austin, Texas, United States', { country: 'US', region: 'TX', city: 'Austin' }],
    ['Toronto, ON, Canada', { country: 'CA', region: 'ON', city: 'Toronto' }],
    ['Berlin, Germany', { country: 'DE', region: null, city: 'Berlin' }],
    ['Remote - US', { country: 'US', region: null, city: null }],
    ['Remote (Europe)', { country: null, region: null, city: null }],
    ['Leamington Spa, UK (Hybrid)', { country: 'GB', region: null, city: 'Leamington Spa' }],
    ['Amsterdam / Remote', { country: 'NL', region: null, city: 'Amsterdam' }],
    ['', { country: null, region: null, city: null }],
    // Remotive's candidate_required_location names every country a job is open to.
    ['USA, Canada, USA timezones', { country: 'US', region: null, city: null }, ['US', 'CA']],
    ['US Only', { country: 'US', region: null, city: null }],
    [
      'Germany, Austria, Switzerland',
      { country: 'DE', region: null, city: null },
      ['DE', 'AT', 'CH'],
    ],
  ])('%s', (input, expected, countries?: string[]) => {
    expect(parseLocation(input)).toEqual({
      ...expected,
      countries: countries ?? (expected.country === null ? [] : [expected.country]),
    });
  });
});

describe('workModeOf', () => {
  it.each([
    [{ location: 'Remote - US' }, 'remote'],
    [{ location: 'London (Hybrid)' }, 'hybrid'],
    [{ remote: true, location: 'Berlin' }, 'remote'],
    [{ title: 'Data Engineer - Hybrid, 2 days a week in office' }, 'hybrid'],
    [{ location: 'Leeds', text: 'This role is fully remote within the UK.' }, 'remote'],
    [{ location: 'Leeds', text: 'You will work on-site at our Leeds office.' }, 'onsite'],
    [{ location: 'Leeds', remote: false }, 'onsite'],
    [{ location: 'Leeds' }, 'unknown'],
  ] as const)('%j', (input, expected) => {
    expect(workModeOf(input)).toBe(expected);
  });
});
